import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

// Where attachment bytes live, by key (docs/attachments.md). The default keeps them in PostgreSQL
// (table AttachmentBlob): no second service to run, and the bytes are in the same transactions and the
// same backups as the rows that name them. A storage that is not transactional (an S3-compatible
// object store for larger installations) is written before the row's transaction and removed again
// when that transaction fails; deletions follow a committed removal.
export interface AttachmentStorage {
  // true: put/delete take the caller's transaction and commit or roll back with it.
  readonly transactional: boolean;
  put(key: string, bytes: Uint8Array, tx?: Tx): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  delete(key: string, tx?: Tx): Promise<void>;
}

export const postgresStorage: AttachmentStorage = {
  transactional: true,
  async put(key, bytes, tx) {
    await (tx ?? db).attachmentBlob.create({ data: { key, data: new Uint8Array(bytes) } });
  },
  async get(key) {
    const row = await db.attachmentBlob.findUnique({ where: { key }, select: { data: true } });
    return row ? Buffer.from(row.data) : null;
  },
  async delete(key, tx) {
    await (tx ?? db).attachmentBlob.deleteMany({ where: { key } });
  },
};

// The storage in use. ATTACHMENT_STORAGE=postgres (the default) is the only one built in; an
// S3-compatible implementation plugs in here (docs/attachments.md says what it must do).
export function attachmentStorage(): AttachmentStorage {
  const kind = process.env.ATTACHMENT_STORAGE ?? "postgres";
  if (kind !== "postgres") throw new Error(`ATTACHMENT_STORAGE=${kind}: only "postgres" is built in (docs/attachments.md)`);
  return postgresStorage;
}
