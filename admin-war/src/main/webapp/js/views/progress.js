// A live view of an operation (create, delete or update): its steps as they stream, then its outcome.
import { followOperation } from '../api.js';
import { h, formatDate } from '../dom.js';

const RUNNING = { create: 'Creating', delete: 'Deleting', update: 'Changing' };
const ENDED = { create: 'Created', delete: 'Deleted', update: 'Changed' };

/** "Created", "Deleted" or "Changed": what a succeeded operation of this kind did. */
export function pastTense(kind) {
  return ENDED[kind] || 'Finished';
}

/**
 * Returns {el, done}: el is a panel with an aria-live step list; done resolves with the final
 * operation. `signal` aborts the stream (the view was left).
 */
export function progressPanel(operation, signal) {
  const verb = RUNNING[operation.kind] || 'Running';
  const state = h('p', { class: 'op-state running', 'data-state': 'running' }, `${verb} ${operation.backpack}…`);
  const steps = h('ol', { class: 'steps', 'aria-label': `Steps of ${operation.kind} ${operation.backpack}` });
  const el = h('section', {
    class: 'card progress', 'aria-live': 'polite', 'aria-relevant': 'additions text',
    'aria-label': `${verb} ${operation.backpack}`, 'data-operation': operation.id,
  }, h('h2', {}, `${verb} “${operation.backpack}”`), state, steps);
  const addStep = (step) => steps.append(h('li', {}, h('time', { datetime: step.at }, formatDate(step.at).split(', ').pop()), ' ', step.message));
  (operation.steps || []).forEach(addStep);
  const done = followOperation(operation, addStep, signal).then((final) => {
    const ok = final.state === 'succeeded';
    state.className = `op-state ${ok ? 'ok' : 'failed'}`;
    state.dataset.state = final.state;
    state.setAttribute('role', ok ? 'status' : 'alert');
    state.textContent = ok
      ? `${pastTense(operation.kind)} “${operation.backpack}”.`
      : `Failed: ${final.error || 'the operation failed.'}`;
    el.append(h('button', {
      type: 'button', 'aria-label': `Dismiss the progress of ${operation.kind} ${operation.backpack}`,
      onclick: () => { el.remove(); document.querySelector('main h1')?.focus(); },
    }, 'Dismiss'));
    return final;
  });
  return { el, done };
}
