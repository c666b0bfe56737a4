import { html } from 'hono/html';

// The demo provider's own pages: plain HTML forms, no script, readable in both colour schemes.
const page = (title: string, body: ReturnType<typeof html>) => html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <title>${title} · Demo provider</title>
    <style>
      body { font-family: system-ui, sans-serif; max-width: 26rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5; }
      form { display: grid; gap: 0.75rem; }
      input, button { font: inherit; padding: 0.5rem 0.75rem; border-radius: 6px; }
      input { border: 1px solid #868e96; }
      button { border: 1px solid #1c4fa0; cursor: pointer; }
      button[value='allow'], button[value='sign-in'] { background: #1c4fa0; color: #fff; }
      .note { color: #5c636a; font-size: 0.9rem; }
      .error { color: #c92a2a; }
      @media (prefers-color-scheme: dark) { .note { color: #adb5bd; } .error { color: #ff8787; } }
    </style>
  </head>
  <body>
    <main>${body}</main>
  </body>
</html>`;

export function signInPage(action: string, appName: string, error?: string) {
  return page(
    'Sign in',
    html`<h1>Sign in to the demo provider</h1>
      <p class="note">This provider stands in for Google, Slack, Atlassian and Notion in the demo. Any name signs in; there is no password.</p>
      <form method="post" action="${action}">
        <label for="account">Your name</label>
        <input id="account" name="account" autocomplete="username" required ${error ? html`aria-invalid="true" aria-describedby="account-error"` : ''} />
        ${error ? html`<p id="account-error" class="error">${error}</p>` : ''}
        <button type="submit" name="decision" value="sign-in">Sign in</button>
        <button type="submit" name="decision" value="deny" formnovalidate>Cancel</button>
      </form>
      <p class="note">Signing in for ${appName}.</p>`,
  );
}

export function consentPage(action: string, appName: string, scope: string) {
  return page(
    'Allow access',
    html`<h1>Allow ${appName} to read your data?</h1>
      <p>It asks for: ${scope || 'basic access'}.</p>
      <form method="post" action="${action}">
        <button type="submit" name="decision" value="allow">Allow</button>
        <button type="submit" name="decision" value="deny">Deny</button>
      </form>`,
  );
}
