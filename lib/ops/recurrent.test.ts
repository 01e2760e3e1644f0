import { describe, expect, it } from 'vitest';
import { runNet } from './op-test-utils';

// Recurrent inputs are T×N×…: the analysis batch replaces dim 0 of graph inputs, so these
// tests run at batch = T to keep the declared shapes.

describe('LSTM', () => {
  it('T×N×I input: params 4H·I + 4H + 4H·H, MACs T·N·4H·(I + H)', () => {
    const [t, n, i, h] = [5, 3, 10, 8];
    const net = runNet(
      { x: [t, n, i], cont: [t, n] },
      [{ name: 'lstm', type: 'LSTM', bottoms: ['x', 'cont'], attrs: { recurrent_param: { num_output: h } } }],
      { batch: t },
    );
    const l = net.layer('lstm');
    expect(l.outputs).toEqual([[t, n, h]]);
    expect(l.params).toBe(4 * h * i + 4 * h + 4 * h * h);
    expect(l.macs).toBe(t * n * 4 * h * (i + h));
    expect(l.flops).toBe(2 * l.macs + 17 * t * n * h);
  });

  it('a static input adds 4H·I_static weights and N·4H·I_static MACs', () => {
    // T = N = 4 so the batch override (dim 0 of every input) keeps x_static's N.
    const net = runNet(
      { x: [4, 4, 6], cont: [4, 4], xs: [4, 5] },
      [{ name: 's', type: 'LSTM', bottoms: ['x', 'cont', 'xs'], attrs: { recurrent_param: { num_output: 8 } } }],
      { batch: 4 },
    );
    const l = net.layer('s');
    expect(l.params).toBe(4 * 8 * 6 + 4 * 8 + 4 * 8 * 8 + 4 * 8 * 5);
    expect(l.macs).toBe(4 * 4 * 32 * (6 + 8) + 4 * 32 * 5);
  });

  it('expose_hidden adds the final h and c (1×N×H); a mismatched x_static is an error', () => {
    const net = runNet(
      { x: [4, 2, 6], cont: [4, 2], xs: [4, 5] },
      [
        {
          name: 'e',
          type: 'LSTM',
          bottoms: ['x', 'cont'],
          tops: ['h', 'hT', 'cT'],
          attrs: { recurrent_param: { num_output: 8, expose_hidden: true } },
        },
        { name: 's', type: 'LSTM', bottoms: ['x', 'cont', 'xs'], attrs: { recurrent_param: { num_output: 8 } } },
      ],
      { batch: 4 },
    );
    expect(net.layer('e').outputs).toEqual([
      [4, 2, 8],
      [1, 2, 8],
      [1, 2, 8],
    ]);
    expect(net.layer('s').diagnostics[0]?.message).toBe('s: x_static 4×5 must have N = 2 first');
  });

  it('cont must be T×N', () => {
    const net = runNet(
      { x: [5, 3, 10], cont: [5, 4] },
      [{ name: 'lstm', type: 'LSTM', bottoms: ['x', 'cont'], attrs: { recurrent_param: { num_output: 8 } } }],
      { batch: 5 },
    );
    expect(net.layer('lstm').diagnostics[0]?.message).toBe('lstm: cont must be T×N = 5×3 to match x 5×3×10, got 5×4');
  });
});

describe('RNN and Embed', () => {
  it('RNN: W_xh, W_hh, W_ho and two biases; MACs T·N·H·(I + 2H)', () => {
    const [t, n, i, h] = [6, 2, 7, 4];
    const net = runNet(
      { x: [t, n, i], cont: [t, n] },
      [{ name: 'rnn', type: 'RNN', bottoms: ['x', 'cont'], attrs: { recurrent_param: { num_output: h } } }],
      { batch: t },
    );
    const l = net.layer('rnn');
    expect(l.outputs).toEqual([[t, n, h]]);
    expect(l.params).toBe(h * i + h + h * h + h * h + h);
    expect(l.macs).toBe(t * n * h * (i + 2 * h));
  });

  it('Embed appends num_output; params input_dim·num_output + bias', () => {
    const net = runNet({ words: [1, 20] }, [
      { name: 'emb', type: 'Embed', bottoms: ['words'], attrs: { embed_param: { num_output: 32, input_dim: 1000 } } },
      {
        name: 'nb',
        type: 'Embed',
        bottoms: ['words'],
        attrs: { embed_param: { num_output: 32, input_dim: 1000, bias_term: false } },
      },
    ]);
    expect(net.layer('emb').outputs).toEqual([[1, 20, 32]]);
    expect(net.layer('emb').params).toBe(32032);
    expect(net.layer('emb').macs).toBe(0);
    expect(net.layer('emb').flops).toBe(640);
    expect(net.layer('nb').params).toBe(32000);
    expect(net.layer('nb').flops).toBe(0);
  });
});

describe('LSTMUnit', () => {
  it('c and h take c_prev’s 1×N×H; x must carry 4·H gate inputs', () => {
    const net = runNet({ c: [1, 3, 8], x: [1, 3, 32], cont: [1, 3], bad: [1, 3, 30] }, [
      { name: 'u', type: 'LSTMUnit', bottoms: ['c', 'x', 'cont'], tops: ['c1', 'h1'] },
      { name: 'b', type: 'LSTMUnit', bottoms: ['c', 'bad', 'cont'], tops: ['c2', 'h2'] },
    ]);
    expect(net.layer('u').outputs).toEqual([
      [1, 3, 8],
      [1, 3, 8],
    ]);
    expect(net.layer('u').flops).toBe(9 * 24);
    expect(net.layer('b').diagnostics[0]?.message).toBe(
      'b: LSTMUnit needs c_prev 1×N×H, x 1×N×4H and cont 1×N; got 1×3×8, 1×3×30, 1×3',
    );
  });
});
