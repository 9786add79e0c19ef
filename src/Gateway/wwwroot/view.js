// What the page shows. Text goes in through textContent only: nothing the gateway or a device reports is markup.
import { describeDevice, formatRemaining, formatTime } from './format.js';

const $ = (id) => document.getElementById(id);

export const elements = {
  signInForm: $('sign-in-form'),
  providerSignIn: $('provider-sign-in-button'),
  passwordForm: $('password-form'),
  signOut: $('sign-out'),
  callApi: $('call-api'),
  revokeOthers: $('revoke-others'),
};

/** Local users sign in with the form; in OpenID Connect mode a button leads to the identity provider instead. */
export function useSignIn(mode) {
  const local = mode !== 'oidc';
  $('sign-in-form').hidden = !local;
  $('provider-sign-in').hidden = local;
  $('password-card').hidden = !local;
}

export function setStatus(text) {
  $('status').textContent = text;
}

export function showSignIn(message) {
  $('signed-in').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-message').textContent = message;
  $('api-result').textContent = '';
  $('devices').replaceChildren();
  $('password').value = '';
  ($('sign-in-form').hidden ? $('provider-sign-in-button') : $('username')).focus();
}

export function showSignedIn() {
  $('sign-in').hidden = true;
  $('sign-in-message').textContent = '';
  $('signed-in').hidden = false;
}

export function renderSession(session, refreshes) {
  $('who-name').textContent = session.user.name;
  $('who-roles').textContent = session.user.roles.length ? session.user.roles.join(', ') : 'none';
  $('who-session').textContent = session.sessionId;
  $('who-session-ends').textContent = formatTime(session.sessionExpiresAt);
  $('refreshes').textContent = String(refreshes);
  renderCountdown(session);
}

export function renderCountdown(session) {
  $('countdown').textContent = formatRemaining(session.accessTokenExpiresAt);
}

export function setApiResult(text) {
  $('api-result').textContent = text;
}

export function setPasswordMessage(text) {
  $('password-message').textContent = text;
}

export function renderDevices(devices, onRevoke) {
  $('devices').replaceChildren(...devices.map((device) => deviceItem(device, onRevoke)));
  $('revoke-others').disabled = devices.every((device) => device.current);
}

function deviceItem(device, onRevoke) {
  const name = describeDevice(device.userAgent);
  const item = element('li', 'device');
  const title = element('p', 'device-name', name);
  if (device.current) {
    title.append(' ', element('span', 'badge', 'This device'));
  }

  const details = element('p', 'device-details',
    `${device.ip ?? 'unknown address'} · signed in ${formatTime(device.createdAt)} · last seen ${formatTime(device.lastSeenAt)}`);
  item.append(title, details);
  if (!device.current) {
    const revoke = element('button', 'danger small', 'Revoke');
    revoke.type = 'button';
    revoke.setAttribute('aria-label', `Revoke ${name}, last seen ${formatTime(device.lastSeenAt)}`);
    revoke.addEventListener('click', () => onRevoke(device));
    item.append(revoke);
  }

  return item;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) {
    node.textContent = text;
  }

  return node;
}
