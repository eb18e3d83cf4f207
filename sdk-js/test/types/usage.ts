// Compiled (never run) by `npm test`: the published declarations describe the API as documented.
import { Backpack, BackpackError, AuthStore, LocalAuthStore, etagOf } from '../../dist/types/index.js';
import type { RecordEvent } from '../../dist/types/services/RealtimeService.js';

type Todo = { id: string; owner: string | null; createdAt: string; updatedAt: string; title: string; done: boolean };

async function usage(): Promise<void> {
  const bp = new Backpack('http://127.0.0.1:8080/demo', { authStore: new AuthStore() });
  const store: AuthStore = new LocalAuthStore('key');
  store.onChange((token: string | null) => void token);
  const { user, token } = await bp.auth.register('a@example.com', 'password1');
  const email: string = user.email;
  const off: () => void = bp.auth.onChange((t, u) => void [t, u?.id]);
  off();
  const me = await bp.auth.me();
  void [email, token, me.id, bp.auth.user?.createdAt];

  const todos = bp.collection<Todo>('todos');
  const created: Todo = await todos.create({ title: 'x', done: false });
  const page = await todos.list({ filter: { done: false }, sort: ['-createdAt'], limit: 10, count: true });
  const first: Todo | undefined = page.items[0];
  const next: string | null = page.next;
  const total: number | undefined = page.total;
  await todos.update(created.id, { done: true }, { ifMatch: created });
  await todos.replace(created.id, { title: 'y', done: false }, { ifMatch: etagOf(created) ?? undefined });
  for await (const t of todos.iterate({ limit: 100 })) {
    const title: string = t.title;
    void title;
  }
  const unsubscribe: () => Promise<void> = await todos.subscribe(
    (e: RecordEvent<Todo>) => {
      if (e.action === 'snapshot') {
        const all: Todo[] = e.records;
        void all;
      } else {
        const one: Todo = e.record;
        void one;
      }
    },
    { snapshot: true, filter: { done: false } },
  );
  await unsubscribe();
  await todos.delete(created.id);

  const cols = await bp.collections.list();
  await bp.collections.create('notes', { read: 'public' });
  const info = await bp.files.upload(new Blob(['x']), { name: 'x.txt', public: true, onProgress: (p) => void (p.loaded / p.total) });
  const url: string = bp.files.url(info);
  const blob: Blob = await bp.files.download(info.id);
  await bp.files.delete(info.id);

  const room = bp.channel('room');
  room.on('message', (m) => void [m.from.userId, m.data]);
  room.on('presence', (p) => void p.members.length);
  await room.join();
  await room.publish({ text: 'hi' });
  await room.leave();

  try {
    await bp.auth.logout();
  } catch (e) {
    if (e instanceof BackpackError) {
      const fields: Record<string, string> = e.fieldErrors;
      void [e.status, e.title, e.detail, e.errors, e.retryAfter, fields];
    }
  }
  void [first, next, total, cols, url, blob];
}
void usage;
