import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

function openZip(zipPath: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    ),
  );
}

/** Reads the central directory one entry at a time until `name` comes up. */
function findEntry(zip: yauzl.ZipFile, name: string): Promise<yauzl.Entry> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: yauzl.Entry) => {
      if (entry.fileName !== name) {
        zip.readEntry();
        return;
      }
      zip.off('entry', onEntry);
      resolve(entry);
    };
    zip.on('entry', onEntry);
    zip.once('end', () => reject(new Error(`${name} is not in the archive`)));
    zip.once('error', reject);
    zip.readEntry();
  });
}

function openEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) =>
      error ? reject(error) : resolve(stream),
    ),
  );
}

/**
 * Streams one file of a zip archive to `target` (which must not exist yet), so a
 * 60 MB binary never sits in memory. yauzl checks that the inflated size is the one
 * the archive declares; a short or corrupt entry fails instead of leaving a truncated
 * file.
 */
export async function extractZipEntry(
  zipPath: string,
  name: string,
  target: string,
  mode: number,
): Promise<void> {
  const zip = await openZip(zipPath);
  try {
    const entry = await findEntry(zip, name);
    await pipeline(
      await openEntry(zip, entry),
      // flush: the data is on disk before the caller renames the file into place.
      fs.createWriteStream(target, { flags: 'wx', mode, flush: true }),
    );
  } finally {
    zip.close();
  }
}
