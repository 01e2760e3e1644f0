/**
 * Generates a large, valid Caffe prototxt of roughly `layers` layers: a ResNet-like chain of
 * conv → BatchNorm → Scale → ReLU blocks with a residual Eltwise every few blocks and a
 * stride-2 downsampling now and then. Used by benchmarks and large-model e2e tests.
 */
export function syntheticPrototxt(layers: number, name = `synthetic_${layers}`): string {
  const out: string[] = [`name: "${name}"`, 'input: "data"', 'input_shape { dim: 1 dim: 3 dim: 224 dim: 224 }'];
  let prev = 'data';
  let channels = 3;
  let size = 224;
  let count = 0;
  let block = 0;
  let residualFrom: { blob: string; channels: number; size: number } | null = null;
  while (count < layers) {
    const b = `b${block}`;
    const down = block > 0 && block % 24 === 0 && size > 7;
    const outC = Math.min(512, block === 0 ? 64 : down ? channels * 2 : channels);
    out.push(
      `layer { name: "${b}_conv" type: "Convolution" bottom: "${prev}" top: "${b}_conv"`,
      `  convolution_param { num_output: ${outC} kernel_size: 3 pad: 1 stride: ${down ? 2 : 1} bias_term: false } }`,
      `layer { name: "${b}_bn" type: "BatchNorm" bottom: "${b}_conv" top: "${b}_conv" }`,
      `layer { name: "${b}_scale" type: "Scale" bottom: "${b}_conv" top: "${b}_conv" scale_param { bias_term: true } }`,
    );
    count += 3;
    if (down) size = Math.floor((size - 1) / 2) + 1;
    channels = outC;
    let top = `${b}_conv`;
    if (residualFrom && residualFrom.channels === channels && residualFrom.size === size && block % 2 === 0) {
      out.push(
        `layer { name: "${b}_sum" type: "Eltwise" bottom: "${residualFrom.blob}" bottom: "${top}" top: "${b}_sum" }`,
      );
      top = `${b}_sum`;
      count += 1;
    }
    out.push(`layer { name: "${b}_relu" type: "ReLU" bottom: "${top}" top: "${top}" }`);
    count += 1;
    if (block % 2 === 0) residualFrom = { blob: top, channels, size };
    prev = top;
    block++;
  }
  out.push(
    `layer { name: "pool" type: "Pooling" bottom: "${prev}" top: "pool" pooling_param { pool: AVE global_pooling: true } }`,
    'layer { name: "fc" type: "InnerProduct" bottom: "pool" top: "fc" inner_product_param { num_output: 1000 } }',
  );
  return out.join('\n') + '\n';
}

/**
 * `blocks` residual blocks of four layers (a 3×3 conv beside a 1×1 → 3×3 pair, joined by an
 * Eltwise) with no in-place layers, so every layer is its own box in the graph: 4 × blocks + 1
 * boxes. The graph benchmarks and e2e tests use it for "an N-node graph".
 */
export function branchyPrototxt(blocks: number): string {
  const lines = ['input: "data"', 'input_shape { dim: 1 dim: 16 dim: 32 dim: 32 }'];
  let prev = 'data';
  for (let i = 0; i < blocks; i++) {
    const conv = (name: string, bottom: string, k: number) =>
      `layer { name: "${name}" type: "Convolution" bottom: "${bottom}" top: "${name}" convolution_param { num_output: 16 kernel_size: ${k} pad: ${(k - 1) / 2} } }`;
    lines.push(conv(`b${i}_a`, prev, 3), conv(`b${i}_b`, prev, 1), conv(`b${i}_c`, `b${i}_b`, 3));
    lines.push(`layer { name: "b${i}" type: "Eltwise" bottom: "b${i}_a" bottom: "b${i}_c" top: "b${i}" }`);
    prev = `b${i}`;
  }
  return lines.join('\n');
}

/** A chain of `n` 3×3 convolutions (the deepest graph shape: one box per layer, one column). */
export function chainPrototxt(n: number): string {
  const lines = ['input: "data"', 'input_shape { dim: 1 dim: 8 dim: 16 dim: 16 }'];
  for (let i = 0; i < n; i++)
    lines.push(
      `layer { name: "c${i}" type: "Convolution" bottom: "${i ? `c${i - 1}` : 'data'}" top: "c${i}" convolution_param { num_output: 8 kernel_size: 3 pad: 1 } }`,
    );
  return lines.join('\n');
}
