import { describe, expect, it } from 'vitest';
import { encodeShare } from '@/lib/share/codec';
import { DEFAULT_PRESET_ID, getPreset } from '@/lib/presets';
import { defaultText, resolveInitialText } from './initial-text';

const noFetch = async () => {
  throw new Error('no network in tests');
};

describe('resolveInitialText', () => {
  it('opens a share link with its view', async () => {
    const frag = encodeShare({ text: 'name: "shared"', view: { direction: 'LR', colorMode: 'macs', batch: 4 } });
    const r = await resolveInitialText(`#${frag}`, '', 'name: "saved"', noFetch);
    expect(r.text).toBe('name: "shared"');
    expect(r.source).toBe('link');
    expect(r.view?.batch).toBe(4);
  });
  it('keeps the saved text when a link is damaged, and says why', async () => {
    const r = await resolveInitialText('#v1.!!!', '', 'name: "saved"', noFetch);
    expect(r.text).toBe('name: "saved"');
    expect(r.source).toBe('saved');
    expect(r.notice).toMatch(/^This link could not be opened: damaged link/);
  });
  it('opens a preset link, then saved text, then the default preset', async () => {
    const vgg = getPreset('vgg16')!;
    expect((await resolveInitialText('#/preset/vgg16', '', null, noFetch)).text).toBe(vgg.text);
    const lesson = await resolveInitialText('#/preset/demo-bottleneck/direct_5x5', '', null, noFetch);
    expect([lesson.text, lesson.view?.selected]).toEqual([getPreset('demo-bottleneck')!.text, 'direct_5x5']);
    expect((await resolveInitialText('', '', 'name: "mine"', noFetch)).text).toBe('name: "mine"');
    const d = await resolveInitialText('', '', null, noFetch);
    expect(d.source).toBe('default');
    expect(d.text).toBe(getPreset(DEFAULT_PRESET_ID)!.text);
    expect(defaultText()).toContain('layer {');
    const missing = await resolveInitialText('#/preset/nope', '', null, noFetch);
    expect(missing.notice).toBe('There is no built-in model "nope".');
  });
});
