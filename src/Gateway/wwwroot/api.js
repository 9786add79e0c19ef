// Every call the app makes goes through here: same-origin cookies, the X-CSRF header the gateway requires,
// JSON in and out. The session lives in HttpOnly cookies: nothing here ever holds a token.

/** The gateway answered 401: the session is over (signed out, revoked, expired). */
export class SignedOutError extends Error {
  constructor() {
    super('Your session has ended. Please sign in again.');
  }
}

/** Any other refusal, with the gateway's problem details (title, detail) when it sent them. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The gateway answered ${status}.`);
    this.status = status;
    this.problem = problem;
  }
}

async function call(method, path, body) {
  const headers = { 'X-CSRF': '1', Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }

  const response = await fetch(path, init);
  const data = parse(await response.text());
  // A failed sign-in is a 401 too, but it means "wrong password", not "your session ended".
  if (response.status === 401 && path !== '/auth/login') {
    throw new SignedOutError();
  }

  if (!response.ok) {
    throw new ApiError(response.status, data);
  }

  return data;
}

// Problem details and answers are JSON; anything else (an empty 204, a proxy's HTML error page) carries no data.
function parse(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

export const gateway = {
  mode: () => call('GET', '/auth/mode'),
  login: (username, password) => call('POST', '/auth/login', { username, password }),
  session: () => call('GET', '/auth/session'),
  logout: () => call('POST', '/auth/logout'),
  devices: () => call('GET', '/auth/sessions'),
  revokeDevice: (id) => call('DELETE', `/auth/sessions/${encodeURIComponent(id)}`),
  revokeOtherDevices: () => call('DELETE', '/auth/sessions'),
  changePassword: (currentPassword, newPassword) => call('POST', '/auth/password', { currentPassword, newPassword }),
  me: () => call('GET', '/api/me'),
};
