// The Deployment panel of a backpack's page: how many instances of its core service run, and the
// CPU and memory limits of its services. Where the platform's driver can change them
// (platform.scalable) a form that PATCHes only what changed and follows the update operation live;
// elsewhere the current deployment, read-only.
import { api, paths } from '../api.js';
import { h, field, errorBox, busy, announce } from '../dom.js';
import { progressPanel } from './progress.js';

// `database` is the backpack's database service, PostgreSQL or MongoDB as its engine is (the API
// called it `mongo` before PostgreSQL became the default, and still accepts that name)
export const SERVICES = [['core', 'Core'], ['database', 'Database'], ['redis', 'Redis']];
const REPLICAS = [1, 20];
const CPUS = [0.05, 64];
const MEMORY_MB = [16, 262144];
const NO_LIMIT = { cpus: null, memoryMb: null };

/** The deployment of a backpack as the API shows it, with the defaults of an older platform. */
function deploymentOf(backpack) {
  const d = backpack.deployment || {};
  const { mongo, ...limits } = d.limits || {};
  if (mongo && !limits.database) limits.database = mongo;
  return { replicas: Number.isInteger(d.replicas) ? d.replicas : 1, limits };
}

function limitsOf(deployment, service) {
  const l = deployment.limits[service] || NO_LIMIT;
  return { cpus: l.cpus ?? null, memoryMb: l.memoryMb ?? null };
}

/** "1.5 CPUs, 768 MiB", "0.5 CPUs", "no limit". */
export function describeLimits(limits) {
  const parts = [];
  if (limits.cpus !== null) parts.push(`${limits.cpus} ${limits.cpus === 1 ? 'CPU' : 'CPUs'}`);
  if (limits.memoryMb !== null) parts.push(`${limits.memoryMb} MiB`);
  return parts.length ? parts.join(', ') : 'no limit';
}

/**
 * What differs between the current deployment and the form's values, as the PATCH body: replicas
 * if changed, and each service whose limits changed with both its values (the API replaces a
 * service's limits as a whole; null when it has none left). Empty when nothing changed.
 */
export function changeOf(current, next) {
  const change = {};
  if (next.replicas !== current.replicas) change.replicas = next.replicas;
  const limits = {};
  for (const [service] of SERVICES) {
    const was = limitsOf(current, service);
    const now = next.limits[service];
    if (was.cpus !== now.cpus || was.memoryMb !== now.memoryMb) {
      limits[service] = now.cpus === null && now.memoryMb === null ? null : { cpus: now.cpus, memoryMb: now.memoryMb };
    }
  }
  if (Object.keys(limits).length) change.limits = limits;
  return change;
}

/**
 * The panel. `signal` ends the live progress when the view is left; `onChanged(backpack)` gets the
 * backpack as the API shows it after an update ended.
 *
 * @returns {{el: HTMLElement, followRunning: () => Promise<void>}}
 */
export function deploymentPanel(ctx, backpack, { signal, onChanged = () => {} } = {}) {
  const el = h('section', { class: 'card deployment', 'aria-labelledby': 'deployment-title', 'data-scalable': String(!!ctx.platform?.scalable) },
    h('h2', { id: 'deployment-title' }, 'Deployment'));
  if (!ctx.platform?.scalable) {
    el.append(summary(deploymentOf(backpack)),
      h('p', { class: 'hint', id: 'deployment-note' },
        'Replicas and limits need the swarm driver (', h('code', {}, 'backpack.driver=swarm'), ', see README).'));
    return { el, followRunning: async () => {} };
  }

  let current = deploymentOf(backpack);
  let running = 0;

  const replicas = field('Replicas', {
    name: 'replicas', type: 'number', inputmode: 'numeric', min: REPLICAS[0], max: REPLICAS[1], step: 1, required: true,
  }, `Instances of the core service, ${REPLICAS[0]} to ${REPLICAS[1]}.`);
  const inputs = {};
  const groups = SERVICES.map(([service, label]) => {
    // the visible label is short; the hidden service name makes each input's name unique
    const cpus = field([h('span', { class: 'sr-only' }, `${label} `), 'CPUs'], {
      name: `limits.${service}.cpus`, type: 'number', inputmode: 'decimal', min: CPUS[0], max: CPUS[1], step: 'any', placeholder: 'no limit',
    });
    const memory = field([h('span', { class: 'sr-only' }, `${label} `), 'Memory (MiB)'], {
      name: `limits.${service}.memoryMb`, type: 'number', inputmode: 'numeric', min: MEMORY_MB[0], max: MEMORY_MB[1], step: 1, placeholder: 'no limit',
    });
    inputs[service] = { cpus: cpus.input, memoryMb: memory.input };
    return h('fieldset', { class: 'limits', 'data-service': service }, h('legend', {}, label), cpus.wrap, memory.wrap);
  });
  const apply = h('button', { type: 'submit', class: 'primary' }, 'Apply');
  const reset = h('button', { type: 'button' }, 'Reset');
  const note = h('p', { class: 'muted', role: 'status' });
  const form = h('form', { class: 'deployment-form', 'aria-label': `Deployment of ${backpack.name}`, novalidate: true },
    replicas.wrap,
    h('div', { class: 'services' }, groups),
    h('p', { class: 'hint' }, `Leave a limit empty for none. CPUs from ${CPUS[0]} to ${CPUS[1]} (e.g. 0.5), memory from ${MEMORY_MB[0]} to ${MEMORY_MB[1]} MiB.`),
    h('div', { class: 'actions' }, apply, reset, note));
  const errors = errorBox(form);
  form.append(errors.el);
  const progressBox = h('div', { class: 'progress-area' });
  el.append(form, progressBox);

  function fill(deployment) {
    replicas.input.value = String(deployment.replicas);
    for (const [service] of SERVICES) {
      const l = limitsOf(deployment, service);
      inputs[service].cpus.value = l.cpus === null ? '' : String(l.cpus);
      inputs[service].memoryMb.value = l.memoryMb === null ? '' : String(l.memoryMb);
    }
  }

  /** The form's values, or the field errors (named like the inputs) that keep it from being sent. */
  function read() {
    const problems = [];
    const number = (input, fieldName, [min, max], whole) => {
      const text = input.value.trim();
      if (input.validity.badInput) {
        problems.push({ field: fieldName, message: 'is not a number' });
        return null;
      }
      if (text === '') return null;
      const n = Number(text);
      if (!Number.isFinite(n) || (whole && !Number.isInteger(n)) || n < min || n > max) {
        problems.push({ field: fieldName, message: `must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}` });
        return null;
      }
      return n;
    };
    let r = number(replicas.input, 'replicas', REPLICAS, true);
    if (r === null && !problems.some((p) => p.field === 'replicas')) {
      problems.push({ field: 'replicas', message: `is required (${REPLICAS[0]} to ${REPLICAS[1]})` });
    }
    if (r === null) r = current.replicas;
    const limits = {};
    for (const [service] of SERVICES) {
      limits[service] = {
        cpus: number(inputs[service].cpus, `limits.${service}.cpus`, CPUS, false),
        memoryMb: number(inputs[service].memoryMb, `limits.${service}.memoryMb`, MEMORY_MB, true),
      };
    }
    return { value: { replicas: r, limits }, problems };
  }

  /**
   * A problem of the API next to the form. Its field errors name the value by its path:
   * `replicas`, `limits`, `limits.core`, `limits.core.cpus`, ...; the inputs behind it are marked.
   */
  function showProblem(e, sent = {}) {
    errors.show(e);
    for (const { field: name = '' } of e.errors || []) {
      const targets = [];
      const [head, service, limit] = name.split('.');
      if (head === 'replicas') {
        targets.push(replicas.input);
      } else if (head === 'limits' && inputs[service]) {
        targets.push(...(limit && inputs[service][limit] ? [inputs[service][limit]] : Object.values(inputs[service])));
      } else if (head === 'limits') {
        Object.keys(sent.limits || {}).forEach((s) => targets.push(...Object.values(inputs[s])));
      }
      targets.filter(Boolean).forEach((input) => input.setAttribute('aria-invalid', 'true'));
    }
    const first = form.querySelector('[aria-invalid="true"]');
    if (first) first.focus();
  }

  function sync() {
    apply.disabled = running > 0;
    reset.disabled = running > 0;
  }

  async function refresh() {
    try {
      const fresh = await api(paths.backpack(backpack.name));
      if (signal?.aborted) return;
      current = deploymentOf(fresh);
      fill(current);
      onChanged(fresh);
    } catch (e) {
      if (!signal?.aborted) errors.show(e);
    }
  }

  const watched = new Set();
  function watch(op) {
    if (watched.has(op.id)) return;
    watched.add(op.id);
    running += 1;
    sync();
    const panel = progressPanel(op, signal);
    progressBox.prepend(panel.el);
    panel.done.then((final) => {
      announce(final.state === 'succeeded'
        ? `Changed the deployment of ${op.backpack}.`
        : `Changing the deployment of ${op.backpack} failed.`);
    }, () => {}).finally(() => {
      running -= 1;
      sync();
      return refresh();
    }).catch(() => {});
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    errors.clear();
    note.textContent = '';
    if (running > 0) return;
    const { value, problems } = read();
    if (problems.length) {
      showProblem({ detail: 'Some values are not allowed.', errors: problems });
      return;
    }
    const change = changeOf(current, value);
    if (Object.keys(change).length === 0) {
      note.textContent = 'Nothing to apply: these are the current values.';
      return;
    }
    busy(apply, async () => {
      try {
        const op = await api(paths.deployment(backpack.name), { method: 'PATCH', body: change });
        watch(op);
      } catch (e) {
        showProblem(e, change);
      }
    }).finally(sync);
  });
  reset.addEventListener('click', () => {
    errors.clear();
    note.textContent = '';
    fill(current);
  });

  fill(current);
  return {
    el,
    /** Follows an update of this backpack that is already running (e.g. after a reload). */
    async followRunning() {
      try {
        const ops = await api('operations', { query: { backpack: backpack.name, limit: 10 } });
        for (const op of ops.items || []) {
          if (op.kind === 'update' && op.state === 'running' && !signal?.aborted) watch(op);
        }
      } catch { /* only a convenience */ }
    },
  };
}

/** The deployment, read-only: instances and each service's limits (or that there are none). */
function summary(deployment) {
  const limited = SERVICES.filter(([service]) => deployment.limits[service]);
  return h('dl', { class: 'stats deployment-summary' },
    h('div', {}, h('dt', {}, 'Instances'), h('dd', {}, String(deployment.replicas))),
    limited.length === 0
      ? h('div', {}, h('dt', {}, 'Limits'), h('dd', {}, 'none'))
      : limited.map(([service, label]) => h('div', { 'data-service': service },
        h('dt', {}, `${label} limits`), h('dd', {}, describeLimits(limitsOf(deployment, service))))));
}
