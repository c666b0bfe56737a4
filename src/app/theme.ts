import { createTheme, type CSSVariablesResolver } from '@mantine/core';

// Shade 8 keeps white text on primary buttons above 4.5:1 contrast (the default shade 6 is 3.55:1).
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  defaultRadius: 'md',
});

// Mantine's default secondary text (gray 6 on white, dark 2 on dark 7) and field errors (red 6 on white,
// 3.3:1) are below 4.5:1.
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: { '--mantine-color-dimmed': resolved.colors.gray[7], '--mantine-color-error': resolved.colors.red[8] },
  dark: { '--mantine-color-dimmed': resolved.colors.dark[1], '--mantine-color-error': resolved.colors.red[4] },
});
