import { expect, type Locator, type Page } from '@playwright/test';

/** The connector detail page: its name and status form, and its credentials and sync settings form. */
export class EditorPage {
  constructor(readonly page: Page) {}

  async open(name: string): Promise<void> {
    await this.page.goto(`/connectors?search=${encodeURIComponent(name)}`);
    await this.page.getByRole('link', { name, exact: true }).click();
    await expect(this.page.getByRole('heading', { name, level: 1 })).toBeVisible();
  }

  /** A text, number or secret input by its accessible name (a required field's asterisk is not part of it). */
  field(label: string): Locator {
    return this.page.getByRole('textbox', { name: label, exact: true });
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save changes' }).click();
  }

  /** Saves the credentials and sync settings form. */
  async saveSettings(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save settings' }).click();
  }

  async expectSaved(): Promise<void> {
    await expect(this.page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  }
}
