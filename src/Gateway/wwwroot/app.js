// The demo app: sign in, see who you are, call the API through the gateway, manage your devices.
import { ApiError, SignedOutError, gateway } from './api.js';
import { describeDevice } from './format.js';
import * as view from './view.js';

const state = { session: null, refreshes: 0 };

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
  await gateway.logout();
  signedOut('You are signed out.');
}));

setInterval(() => state.session && view.renderCountdown(state.session), 500);

run(async () => {
  try {
    await enter(await gateway.session());
  } catch (error) {
    if (!(error instanceof SignedOutError)) {
      throw error;
    }

    view.showSignIn('');
  }
});
