import { expect, type Locator, type Page } from '@playwright/test';

/** The connectors list, located the way a screen reader user finds things: by role and name. */
export class ConnectorsPage {
  constructor(readonly page: Page) {}

  switch(type: 'Sync' | 'Agent', name: string): Locator {
    return this.page.getByRole('switch', { name: `${type} for ${name}`, exact: true });
  }

  /** The reason a disabled switch gives, through its aria-describedby, which must also be visible. */
  async expectDisabledBecause(type: 'Sync' | 'Agent', name: string, reason: string | RegExp): Promise<void> {
    const control = this.switch(type, name);
    await expect(control).toBeDisabled();
    await expect(control).toHaveAccessibleDescription(reason);
    const describedBy = await control.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    for (const id of describedBy!.split(/\s+/)) await expect(this.page.locator(`[id="${id}"]`)).toBeVisible();
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Search' }).or(this.page.getByRole('textbox', { name: 'Search' })).fill(text);
  }
}
