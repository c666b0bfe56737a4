import { formatDateTime, formatRelativeTime } from '../lib/format-time';
import { useNow } from '../lib/use-now';

type Props = { value: string | null; never?: string };

/** "3 hours ago", with the exact time on hover; `never` when there is no time at all. */
export function RelativeTime({ value, never = 'never' }: Props) {
  const now = useNow();
  if (!value) return <span>{never}</span>;
  const date = new Date(value);
  return (
    <time dateTime={value} title={formatDateTime(date)}>
      {formatRelativeTime(date, now)}
    </time>
  );
}
