/** What a CLI command needs from the outside world; tests pass fakes. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a file, or standard input for '-'. */
  readFile(path: string): Promise<string>;
  /** Reads a file's bytes (binary models: ONNX), or standard input for '-'; falls back to readFile. */
  readBytes?(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
}

/** Exit codes: 0 success (warnings allowed), 1 model errors, 2 usage errors. */
export const EXIT_OK = 0;
export const EXIT_MODEL_ERROR = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

/** A model file as the readers take it: bytes when the IO can read them (ONNX is binary), else text. */
export async function readModelFile(io: CliIO, path: string): Promise<string | Uint8Array> {
  return io.readBytes ? io.readBytes(path) : io.readFile(path);
}
