// Applies the saved colour scheme before the first paint, so that dark mode does not flash white.
// Mantine's colour scheme manager stores the choice under this key.
try {
  var saved = localStorage.getItem('mantine-color-scheme-value');
  var scheme =
    saved === 'light' || saved === 'dark' ? saved : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  document.documentElement.setAttribute('data-mantine-color-scheme', scheme);
} catch {
  // Storage may be blocked; Mantine applies the scheme itself once the app starts.
}
