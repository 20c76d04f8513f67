// Registers the service worker (sw.js, written at build time by
// scripts/gen-sw.mjs) and offers a reload when a new version is ready.
// Not in a cross-origin iframe (its storage is partitioned and the host page
// did not ask for an install) and only over http(s); the page works without it.

function crossOriginFrame() {
  if (window.top === window) return false;
  try {
    return window.top.location.origin !== window.location.origin;
  } catch {
    return true;
  }
}

// Set when the user accepts an update: only then does a new controller reload
// the page (the first install also changes the controller, via clients.claim).
let accepted = false;

function offerReload(worker) {
  if (document.getElementById('update')) return;
  const bar = document.createElement('div');
  bar.id = 'update';
  bar.className = 'update';
  bar.setAttribute('role', 'status');
  const text = document.createElement('span');
  text.textContent = 'A new version of ionpath is ready.';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Reload to update';
  button.addEventListener('click', () => {
    button.disabled = true;
    accepted = true;
    worker.postMessage('skip-waiting');
  });
  bar.append(text, ' ', button);
  document.body.prepend(bar);
}

async function register() {
  const container = navigator.serviceWorker;
  const registration = await container.register('./sw.js');
  // An update waits until the user accepts it; then the new worker takes
  // over and the page reloads once, onto the new build.
  let reloading = false;
  container.addEventListener('controllerchange', () => {
    if (!accepted || reloading) return;
    reloading = true;
    window.location.reload();
  });
  const watch = (worker) => {
    worker.addEventListener('statechange', () => {
      if (worker.state === 'installed' && container.controller) offerReload(worker);
    });
  };
  if (registration.waiting && container.controller) offerReload(registration.waiting);
  if (registration.installing) watch(registration.installing);
  registration.addEventListener('updatefound', () => {
    if (registration.installing) watch(registration.installing);
  });
}

if ('serviceWorker' in navigator && /^https?:$/.test(window.location.protocol) && !crossOriginFrame()) {
  register().catch((e) => console.info(`ionpath: offline use is unavailable (${e.message})`));
}
