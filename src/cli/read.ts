import { open } from 'node:fs/promises';

/**
 * Read a file's raw bytes, but never more than `maxSize + 1` of them: the engine sees the file is too
 * large without the CLI holding a huge file in memory.
 */
export async function readBounded(abs: string, maxSize: number): Promise<{ content: Uint8Array; size: number }> {
  const handle = await open(abs, 'r');
  try {
    const { size } = await handle.stat();
    const limit = Math.min(size, maxSize + 1);
    const buffer = new Uint8Array(limit);
    let offset = 0;
    while (offset < limit) {
      const { bytesRead } = await handle.read(buffer, offset, limit - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return { content: offset === limit ? buffer : buffer.subarray(0, offset), size: Math.max(size, offset) };
  } finally {
    await handle.close();
  }
}
