// Installs Debian's Chromium when missing (CI machines start bare). Never downloads a browser build.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

if (!existsSync('/usr/bin/chromium')) {
  console.log('ensure-chromium: /usr/bin/chromium missing, installing Debian chromium…');
  const sudo = process.getuid && process.getuid() !== 0 ? 'sudo ' : '';
  execSync(`${sudo}apt-get update -qq`, { stdio: 'inherit' });
  execSync(`${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-liberation`, {
    stdio: 'inherit',
  });
}
