// Runs before the app's code, from the page's head: a file, as the server's CSP allows no inline script.
(function () {
  try {
    // The saved colour scheme (Mantine's key), applied before the first paint: dark mode never flashes white.
    var saved = localStorage.getItem('mantine-color-scheme-value');
    var scheme = saved === 'light' || saved === 'dark' ? saved : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    document.documentElement.setAttribute('data-mantine-color-scheme', scheme);

    // The list page's requests, started now rather than once the app runs: see src/lib/early-requests.ts.
    var token = localStorage.getItem('connector-console.token');
    if (!token || location.pathname !== '/connectors') return;
    var list = new URLSearchParams(location.search);
    var filters = new URLSearchParams(list);
    filters.delete('sort');
    list.set('limit', '100');
    window.earlyRequests = ['/auth/me', '/connectors?' + list, '/connectors/counts?' + filters, '/users'].map(function (path) {
      var url = '/api/v1' + path;
      var response = fetch(url, { headers: { accept: 'application/json', authorization: 'Bearer ' + token } });
      response.catch(function () {});
      return { url: url, token: token, startedAt: performance.now(), response: response };
    });
  } catch {
    // Storage may be blocked: Mantine then applies the scheme, and the app sends its own requests.
  }
})();
