import { CopyField } from '../../components/copy-field';

/** The address the provider sends people back to, to register with it. */
export function RedirectUrl({ url, providerName }: { url: string; providerName: string }) {
  return (
    <CopyField
      label="Redirect URL"
      description={`Register this address with ${providerName} as the app's redirect URL.`}
      value={url}
      copyLabel="Copy redirect URL"
    />
  );
}
