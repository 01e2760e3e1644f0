import { describe, expect, it } from 'vitest';
import { analyzeText } from '../index';
import { proposeGroups, proposeGroupsSteps } from './groups';
import { runSliced, runSteps, STEP_ITEMS, type Steps } from './steps';
import { buildViewGraph, buildViewGraphSteps } from './view-graph';

/** `blocks` residual blocks of 4 boxes (b<i>_a, b<i>_b → b<i>_c, Eltwise b<i>): 4 × blocks + 1 boxes. */
function branchy(blocks: number): string {
  const lines = ['input: "data"', 'input_shape { dim: 1 dim: 8 dim: 8 dim: 8 }'];
  let prev = 'data';
  for (let i = 0; i < blocks; i++) {
    const conv = (name: string, bottom: string, k: number) =>
      `layer { name: "${name}" type: "Convolution" bottom: "${bottom}" top: "${name}" convolution_param { num_output: 8 kernel_size: ${k} pad: ${(k - 1) / 2} } }`;
    lines.push(conv(`b${i}_a`, prev, 3), conv(`b${i}_b`, prev, 1), conv(`b${i}_c`, `b${i}_b`, 3));
    lines.push(`layer { name: "b${i}" type: "Eltwise" bottom: "b${i}_a" bottom: "b${i}_c" top: "b${i}" }`);
    prev = `b${i}`;
  }
  return lines.join('\n');
}

function* counter(n: number): Steps<number> {
  for (let i = 0; i < n; i++) yield;
  return n;
}

describe('step generators', () => {
  const a = analyzeText(branchy(150));

  it('the sliced view graph and groups equal the one-go ones, and yield often enough to slice', () => {
    const steps = buildViewGraphSteps(a);
    let yields = 0;
    let r = steps.next();
    while (!r.done) {
      yields++;
      r = steps.next();
    }
    const view = r.value;
    // 600 layers + 600 edge passes + 601 cards + 750 edges, one yield per STEP_ITEMS.
    expect(yields).toBe(Math.floor((600 + 600 + 601 + 750) / STEP_ITEMS));
    expect(view).toEqual(buildViewGraph(a));
    expect(view.nodes).toHaveLength(601);
    const groups = runSteps(proposeGroupsSteps(view));
    expect(groups).toEqual(proposeGroups(view));
    expect(groups).toHaveLength(150);
    expect(groups[0]).toMatchObject({ key: 'b0', layerCount: 4 });
  });

  it('runSliced runs each slice in its own scheduled task within the budget and chains the second generator', async () => {
    const tasks: (() => void)[] = [];
    let clock = 0;
    // Each step costs 1 "ms"; a budget of 5 gives 5 steps per task.
    const run = runSliced(
      () => counter(12),
      (n) => counter(n + 3),
      5,
      (fn) => tasks.push(fn),
      () => clock++,
    );
    let slices = 0;
    while (tasks.length > 0) {
      tasks.shift()!();
      slices++;
    }
    await expect(run.promise).resolves.toBe(15);
    expect(slices).toBeGreaterThanOrEqual(Math.ceil((13 + 16) / 5));
  });

  it('a cancelled run stops scheduling and never settles; errors reject', async () => {
    const tasks: (() => void)[] = [];
    let clock = 0;
    // A fake clock (1 "ms" per step), so the first slice ends after 5 steps however fast the machine.
    const run = runSliced(
      () => counter(1000),
      (n) => counter(n),
      5,
      (fn) => tasks.push(fn),
      () => clock++,
    );
    tasks.shift()!();
    expect(tasks).toHaveLength(1);
    run.cancel();
    tasks.shift()!();
    expect(tasks).toHaveLength(0);
    // eslint-disable-next-line require-yield
    function* boom(): Steps<number> {
      throw new Error('bad view');
    }
    const failing = runSliced(
      boom,
      (n) => counter(n),
      1,
      (fn) => setTimeout(fn, 0),
    );
    await expect(failing.promise).rejects.toThrow('bad view');
  });
});
