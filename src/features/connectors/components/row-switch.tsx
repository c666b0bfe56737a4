import type { ChangeEvent } from 'react';
import classes from './row-switch.module.css';

type Props = {
  label: string;
  'aria-label': string;
  'aria-describedby': string | undefined;
  checked: boolean;
  disabled: boolean;
  /** Shown in the thumb, and as aria-busy, while the server has not answered. */
  pending: boolean;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
};

/**
 * The switches of a list row. Not Mantine's Switch: a page opens with a dozen rows of two, and each of
 * those resolved its styles through a dozen parts as it rendered, some 30-50 ms of the first render
 * (docs/performance.md). This one is a native checkbox with role="switch" in Mantine's colours.
 */
export function RowSwitch({ label, pending, ...input }: Props) {
  return (
    <label className={classes.root} data-disabled={input.disabled || undefined}>
      <span className={classes.control}>
        <input type="checkbox" role="switch" className={classes.input} aria-busy={pending || undefined} {...input} />
        <span className={classes.track} aria-hidden="true">
          <span className={classes.thumb} data-pending={pending || undefined}>
            {pending && <span className={classes.pending} />}
          </span>
        </span>
      </span>
      {label}
    </label>
  );
}
