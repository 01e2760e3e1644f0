// Installs Debian's libonnx-testdata (ONNX's 1,072 backend test models) when missing: the ONNX
// shape test (lib/goldens/onnx-testdata.test.ts) reads it in place. CI machines start bare.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const DIR = '/usr/share/libonnx-testdata/data';
if (!process.env.LAYERSCOPE_ONNX_TESTDATA && !existsSync(DIR)) {
  console.log(`ensure-onnx-testdata: ${DIR} missing, installing Debian libonnx-testdata…`);
  const sudo = process.getuid && process.getuid() !== 0 ? 'sudo ' : '';
  execSync(`${sudo}apt-get update -qq`, { stdio: 'inherit' });
  execSync(`${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libonnx-testdata`, {
    stdio: 'inherit',
  });
}
