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
