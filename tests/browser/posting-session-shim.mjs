// TEMPORARY (development only): until the browser session API is merged, stand in
// for it with a bearer token, so the pages can be tried against the real API.
// Installed only when the server answers 404 on GET /api/v1/auth/session.

export async function needsShim(baseUrl) {
  const res = await fetch(`${baseUrl}/api/v1/auth/session`);
  return res.status === 404;
}

export async function installSessionShim(context, baseUrl) {
  let token = null;
  const me = async () => (await fetch(`${baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json();
  await context.route((url) => url.href.startsWith(`${baseUrl}/api/v1/`), async (route) => {
    const req = route.request();
    const url = new URL(req.url());
    if (url.pathname === '/api/v1/auth/session') {
      if (req.method() === 'POST') {
        const { email, password } = req.postDataJSON();
        const r = await fetch(`${baseUrl}/api/v1/auth/login`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
        });
        if (!r.ok) return route.fulfill({ status: r.status, contentType: 'application/problem+json', body: await r.text() });
        token = (await r.json()).access_token;
        return route.fulfill({ json: { account: await me(), csrf_token: 'shim' } });
      }
      if (req.method() === 'DELETE') {
        token = null;
        return route.fulfill({ status: 204 });
      }
      return route.fulfill({ json: token ? { account: await me(), csrf_token: 'shim' } : { account: null, csrf_token: null } });
    }
    const headers = { ...req.headers() };
    if (token) headers.authorization = `Bearer ${token}`;
    return route.continue({ headers });
  });
}
