// Backpack chat: rooms with live messages, presence, "is typing" and image upload — using only
// the SDK, loaded from the backpack itself ({base}/sdk/backpack.js).
//
// Where things live:
//   messages  records of the collection `messages` ({room, text?, image?, email}): the history
//             survives reloads, and a live subscription (filtered by room) shows new ones
//   presence  the channel `room-<name>`: who is here, and ephemeral "typing"/"hello" messages
//   images    public files (other members must be able to see them), shown with files.url(id)
const { base } = await (await fetch('config.json')).json();
const { Backpack, BackpackError } = await import(`${base}/sdk/backpack.js`);

const bp = new Backpack(base);
const $ = (id) => document.getElementById(id);

/** userId → email, learned from messages and "hello"s, for the presence list */
const names = new Map();
let room = null;
let channel = null;
let unsubscribe = null;
let channelListeners = [];
let typingTimer = null;
const typing = new Map();

// --- signed in or not -------------------------------------------------------------------

bp.auth.onChange(() => render(), false);
bp.realtime.onState((state) => {
  $('status').textContent = state;
  $('status').className = state;
});
bp.realtime.onError((e) => showError('chat-error', e));

function render() {
  const user = bp.auth.user;
  $('signin').hidden = Boolean(user);
  $('chat').hidden = !user;
  $('logout').hidden = !user;
  $('me').textContent = user ? user.email : '';
  if (user) {
    names.set(user.id, user.email);
    if (!room) {
      enter($('room').value);
    }
  } else {
    leaveRoom();
  }
}

async function authenticate(action) {
  $('auth-error').textContent = '';
  const email = $('email').value.trim();
  const password = $('password').value;
  try {
    await (action === 'register' ? bp.auth.register(email, password) : bp.auth.login(email, password));
  } catch (e) {
    showError('auth-error', e);
  }
}

$('auth-form').addEventListener('submit', (e) => {
  e.preventDefault();
  authenticate('login');
});
$('register').addEventListener('click', () => {
  if ($('auth-form').reportValidity()) {
    authenticate('register');
  }
});
$('logout').addEventListener('click', () => bp.auth.logout().catch((e) => showError('chat-error', e)));

// --- rooms ------------------------------------------------------------------------------

$('room-form').addEventListener('submit', (e) => {
  e.preventDefault();
  enter($('room').value.trim().toLowerCase());
});

async function enter(name) {
  if (!name || name === room) {
    return;
  }
  await leaveRoom();
  room = name;
  $('room-title').textContent = `# ${name}`;
  $('messages').replaceChildren();
  $('chat-error').textContent = '';
  try {
    // the collection exists before anyone subscribes (409: it already does)
    await bp.collections.create('messages').catch((e) => {
      if (!(e instanceof BackpackError && e.status === 409)) throw e;
    });
    unsubscribe = await bp.collection('messages').subscribe(onMessageEvent, {
      filter: { room: name },
      snapshot: true,
      sort: '-createdAt',
      limit: 100,
    });
    channel = bp.channel(`room-${name}`);
    channelListeners = [
      channel.on('presence', ({ members }) => renderMembers(members)),
      channel.on('message', ({ from, data }) => onChannelMessage(from.userId, data)),
    ];
    await channel.join();
    await channel.publish({ type: 'hello', email: bp.auth.user?.email });
  } catch (e) {
    showError('chat-error', e);
  }
}

async function leaveRoom() {
  const [off, ch] = [unsubscribe, channel];
  unsubscribe = channel = room = null;
  channelListeners.forEach((off) => off());
  channelListeners = [];
  renderMembers([]);
  if (off) await off().catch(() => {});
  if (ch) await ch.leave().catch(() => {});
}

// --- messages ---------------------------------------------------------------------------

/** @param {any} e a record event: snapshot, create, update, delete */
function onMessageEvent(e) {
  const list = $('messages');
  if (e.action === 'snapshot') {
    // newest first from the server (the newest 100); shown oldest first
    list.replaceChildren(...e.records.slice().reverse().map(messageItem));
  } else if (e.action === 'delete') {
    list.querySelector(`[data-id="${e.record.id}"]`)?.remove();
  } else {
    const item = messageItem(e.record);
    const existing = list.querySelector(`[data-id="${e.record.id}"]`);
    existing ? existing.replaceWith(item) : list.append(item);
  }
  list.scrollTop = list.scrollHeight;
}

function messageItem(m) {
  names.set(m.owner, m.email);
  const li = document.createElement('li');
  li.dataset.id = m.id;
  li.dataset.testid = 'message';
  li.className = m.owner === bp.auth.user?.id ? 'mine' : '';
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = m.email || m.owner;
  li.append(who);
  if (m.text) {
    li.append(document.createTextNode(m.text));
  }
  const time = document.createElement('time');
  time.dateTime = m.createdAt;
  time.textContent = new Date(m.createdAt).toLocaleTimeString();
  li.append(time);
  if (m.image) {
    const img = document.createElement('img');
    img.src = bp.files.url(m.image);
    img.alt = m.imageName || 'image';
    img.dataset.testid = 'message-image';
    li.append(img);
  }
  return li;
}

$('send-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const text = $('text').value.trim();
  if (!text || !room) {
    return;
  }
  $('text').value = '';
  try {
    await bp.collection('messages').create({ room, text, email: bp.auth.user.email });
  } catch (err) {
    showError('chat-error', err);
  }
});

$('image').addEventListener('change', async () => {
  const file = $('image').files[0];
  $('image').value = '';
  if (!file || !room) {
    return;
  }
  const progress = $('progress');
  progress.hidden = false;
  progress.value = 0;
  try {
    // public: the other members of the room must be able to load it in an <img>
    const info = await bp.files.upload(file, {
      public: true,
      onProgress: ({ loaded, total }) => (progress.value = total ? loaded / total : 0),
    });
    await bp.collection('messages').create({ room, image: info.id, imageName: info.name, email: bp.auth.user.email });
  } catch (err) {
    showError('chat-error', err);
  } finally {
    progress.hidden = true;
  }
});

// --- presence and typing ----------------------------------------------------------------

$('text').addEventListener('input', () => {
  if (!channel || typingTimer) return;
  channel.publish({ type: 'typing', email: bp.auth.user?.email }).catch(() => {});
  typingTimer = setTimeout(() => (typingTimer = null), 2000);
});

function onChannelMessage(userId, data) {
  if (data?.email) {
    names.set(userId, data.email);
    renderMembers(channel?.members ?? []);
  }
  if (data?.type === 'hello') {
    // a newcomer: tell them who we are (they learn everyone's name from the answers)
    channel?.publish({ type: 'here', email: bp.auth.user?.email }).catch(() => {});
  }
  if (data?.type === 'typing') {
    clearTimeout(typing.get(userId));
    typing.set(userId, setTimeout(() => {
      typing.delete(userId);
      renderTyping();
    }, 3000));
    renderTyping();
  }
}

function renderTyping() {
  const who = [...typing.keys()].map((id) => names.get(id) || 'someone');
  $('typing').textContent = who.length ? `${who.join(', ')} ${who.length > 1 ? 'are' : 'is'} typing…` : '';
}

function renderMembers(members) {
  $('members').replaceChildren(
    ...members.map((id) => {
      const li = document.createElement('li');
      li.dataset.testid = 'member';
      li.textContent = names.get(id) || id.slice(-6);
      return li;
    }),
  );
}

function showError(where, e) {
  const text = e instanceof BackpackError ? `${e.title}: ${e.detail}${e.errors.length ? ' (' + e.errors.map((x) => `${x.field} ${x.message}`).join(', ') + ')' : ''}` : String(e);
  $(where).textContent = text;
}

// a stored session from an earlier visit: check it is still alive (me() signs out if not)
if (bp.auth.isSignedIn) {
  bp.auth.me().catch(() => {});
}
render();
$('status').textContent = bp.realtime.state;
