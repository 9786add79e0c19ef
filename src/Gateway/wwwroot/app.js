// The demo app: sign in, see who you are, call the API through the gateway, manage your devices.
import { ApiError, SignedOutError, gateway } from './api.js';
import { describeDevice } from './format.js';
import * as view from './view.js';

const state = { session: null, refreshes: 0, mode: 'local' };

// What a failed sign-in at the identity provider means, in words (the gateway adds loginError=<code> to the page's address).
const loginErrors = {
  access_denied: 'The sign-in was cancelled or refused at the identity provider.',
  login_required: 'The identity provider needs you to sign in.',
  consent_required: 'The identity provider needs your consent first.',
  interaction_required: 'The identity provider needs you to finish a step there first.',
  account_selection_required: 'Choose an account at the identity provider.',
  provider_error: 'The identity provider refused the sign-in. Please try again.',
  invalid_response: 'The identity provider\'s answer could not be trusted, so you were not signed in. Please try again.',
  provider_unavailable: 'The identity provider cannot be reached right now. Please try again in a moment.',
};

// Reads loginError once and takes it out of the address bar, so a reload does not show it again.
function takeLoginError() {
  const url = new URL(window.location.href);
  const code = url.searchParams.get('loginError');
  if (code === null) {
    return '';
  }

  url.searchParams.delete('loginError');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  return loginErrors[code] ?? 'The sign-in did not complete. Please try again.';
}

// Runs one user action. A 401 from any call ends up here and brings the sign-in form back.
async function run(action, report = view.setStatus) {
  view.setStatus('');
  try {
    await action();
  } catch (error) {
    if (error instanceof SignedOutError) {
      signedOut(error.message);
    } else if (error instanceof ApiError) {
      report(error.message);
    } else {
      report('The gateway cannot be reached. Check that it is running, then try again.');
    }
  }
}

function signedOut(message) {
  state.session = null;
  view.showSignIn(message);
}

// The gateway refreshes an expired access token on the fly and says nothing: a refresh shows as a new expiry
// in the next session body of the same session.
function observe(session) {
  const previous = state.session;
  if (previous?.sessionId === session.sessionId && previous.accessTokenExpiresAt !== session.accessTokenExpiresAt) {
    state.refreshes += 1;
  }

  state.session = session;
  view.renderSession(session, state.refreshes);
}

async function enter(session) {
  state.session = null;
  state.refreshes = 0;
  observe(session);
  view.showSignedIn();
  await loadDevices();
}

async function loadDevices() {
  const devices = await gateway.devices();
  view.renderDevices(devices, (device) => run(async () => {
    await gateway.revokeDevice(device.id);
    await loadDevices();
    view.setStatus(`${describeDevice(device.userAgent)} is signed out.`);
  }));
  observe(await gateway.session());
}

view.elements.signInForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  run(async () => enter(await gateway.login(form.get('username'), form.get('password'))), view.showSignIn);
});

view.elements.providerSignIn.addEventListener('click', () => {
  const here = window.location.pathname + window.location.search;
  window.location.assign(`/auth/login?returnUrl=${encodeURIComponent(here)}`);
});

view.elements.callApi.addEventListener('click', () => {
  view.setApiResult('Calling…');
  run(async () => {
    view.setApiResult(JSON.stringify(await gateway.me(), null, 2));
    observe(await gateway.session());
  }, view.setApiResult);
});

view.elements.revokeOthers.addEventListener('click', () => run(async () => {
  await gateway.revokeOtherDevices();
  await loadDevices();
  view.setStatus('Every other device is signed out.');
}));

view.elements.passwordForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  view.setPasswordMessage('');
  run(async () => {
    await gateway.changePassword(form.get('currentPassword'), form.get('newPassword'));
    event.target.reset();
    view.setPasswordMessage('Password changed. Your other devices are signed out.');
    await loadDevices();
  }, view.setPasswordMessage);
});

view.elements.signOut.addEventListener('click', () => run(async () => {
  const answer = await gateway.logout();
  if (answer?.endSessionUrl) {
    // OpenID Connect mode: the session here is over; the identity provider's session ends there, then it sends us back.
    window.location.assign(answer.endSessionUrl);
    return;
  }

  signedOut('You are signed out.');
}));

setInterval(() => state.session && view.renderCountdown(state.session), 500);

run(async () => {
  const loginError = takeLoginError();
  state.mode = (await gateway.mode()).mode;
  view.useSignIn(state.mode);
  try {
    await enter(await gateway.session());
  } catch (error) {
    if (!(error instanceof SignedOutError)) {
      throw error;
    }

    view.showSignIn(loginError);
  }
});
