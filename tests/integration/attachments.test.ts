import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import pg from "pg";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getAttachment, DELETE as deleteAttachment } from "@/app/api/v1/attachments/[id]/route";
import { POST as uploadToReport } from "@/app/api/v1/reports/[id]/attachments/route";
import { db } from "@/lib/db";
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_FILES } from "@/lib/schemas/attachment";
import { newToken } from "@/lib/server/api-tokens/token-hash";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { addMilestoneAttachment } from "@/lib/server/attachments/add-milestone-attachment";
import { addReportAttachment } from "@/lib/server/attachments/add-report-attachment";
import { removeAttachment } from "@/lib/server/attachments/remove-attachment";
import { dumpDatabase } from "@/lib/server/backup/dump";
import { prepareScheduleExport } from "@/lib/server/exports/export-schedule";
import { restoreDatabase } from "@/lib/server/backup/restore";
import { saveMilestones } from "@/lib/server/milestones/save-milestones";
import { makePlan, makeProject, makeUser } from "@/lib/server/seed/factories";
import { makeMilestone, makeReport } from "@/lib/server/seed/report-factories";
import { recreateDatabase, withDatabase } from "../../scripts/lib/database";
import { prisma } from "../../scripts/lib/run";
import { collect, readWorkbook } from "../support/excel";
import { expectAppError, sessionFor } from "../support/users";

// Issue #15 item 4: photos of 形象进度 and scans of 批复文件 on reports and milestones.

let ctx: { projectId: number; unitA: number; unitB: number; planId: number; sectionId: number };
let officerA: SessionUser, officerB: SessionUser, admin: SessionUser;
let tokens: { officerA: string; officerB: string; viewer: string };

async function tokenFor(userId: number) {
  const { token, hash, prefix } = newToken();
  await db.apiToken.create({ data: { userId, name: "attachments.test", tokenHash: hash, prefix } });
  return token;
}

const jpeg = (width = 64, height = 48, color = "#3366cc") =>
  sharp({ create: { width, height, channels: 3, background: color } })
    .jpeg()
    .toBuffer();
const png = () =>
  sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 0, g: 128, b: 0, alpha: 0.5 } } })
    .png()
    .toBuffer();
const pdf = () => Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

// A real decompression bomb: a 8000 × 8000 PNG of zeros (64 million pixels) that is about 60 KB.
function pngBomb(): Buffer {
  const side = 8000;
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit grayscale
  const raw = zlib.deflateSync(Buffer.alloc(side * (side + 1)), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", raw),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const newReport = async (status: "DRAFT" | "RETURNED" | "SUBMITTED" | "APPROVED" = "DRAFT", period = "2025-03") => {
  const p = await makeProject(db, { planId: ctx.planId, sectionId: ctx.sectionId, unitId: ctx.unitA });
  return makeReport(db, { projectId: p.id, period, status });
};
const stored = async (reportId: number) => ({
  rows: await db.attachment.count({ where: { reportId, deletedAt: null } }),
  blobs: await db.attachmentBlob.count(),
  audit: await db.auditEvent.count({ where: { entityType: "ProgressReport", entityId: String(reportId), action: { startsWith: "attachment." } } }),
});

function multipart(token: string, url: string, file: { name: string; bytes: Buffer; type?: string } | null) {
  const form = new FormData();
  if (file) form.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.type ?? "application/octet-stream" }), file.name);
  return new Request(`http://localhost${url}`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
}
const params = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });
const get = (token: string, id: number, query = "") =>
  getAttachment(new Request(`http://localhost/api/v1/attachments/${id}${query}`, { headers: { authorization: `Bearer ${token}` } }), params(id));

beforeAll(async () => {
  const { plan, section, units } = await makePlan(db, { unitNames: ["附件甲县", "附件乙县"] });
  const project = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id, name: "附件测试医院" });
  ctx = { projectId: project.id, unitA: units[0].id, unitB: units[1].id, planId: plan.id, sectionId: section.id };
  [officerA, officerB, admin] = await Promise.all([
    sessionFor("COUNTY_OFFICER", [units[0].id]),
    sessionFor("COUNTY_OFFICER", [units[1].id]),
    sessionFor("ADMIN"),
  ]);
  const viewer = await makeUser(db, { role: "VIEWER" });
  tokens = { officerA: await tokenFor(officerA.id), officerB: await tokenFor(officerB.id), viewer: await tokenFor(viewer.id) };
});

describe("attachments", () => {
  it("refuses every bad file with a Chinese message and stores nothing", async () => {
    const report = await newReport();
    const before = await stored(report.id);
    const gif = Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1");
    const cases: [string, string, Buffer, string, RegExp][] = [
      ["wrong type (GIF)", "a.gif", gif, "BAD_FILE", /仅支持 JPEG、PNG 照片和 PDF/],
      ["SVG named .jpg", "a.jpg", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), "BAD_FILE", /不支持的文件类型/],
      ["HTML named .png", "a.png", Buffer.from("<!doctype html><script>alert(1)</script>"), "BAD_FILE", /不支持的文件类型/],
      ["zero bytes", "empty.jpg", Buffer.alloc(0), "BAD_FILE", /0 字节/],
      ["renamed Windows program", "现场照片.jpg", Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), Buffer.alloc(200)]), "BAD_FILE", /可执行程序/],
      ["renamed Linux program", "scan.pdf", Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(200)]), "BAD_FILE", /可执行程序/],
      ["renamed script", "photo.jpg", Buffer.from("#!/bin/sh\nrm -rf /\n"), "BAD_FILE", /可执行程序/],
      ["HEIC", "IMG_0001.HEIC", Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypheic\0\0\0\0mif1heic"), Buffer.alloc(100)]), "BAD_FILE", /HEIC/],
      ["truncated PDF", "批复.pdf", Buffer.from("%PDF-1.4\n1 0 obj"), "BAD_FILE", /不完整/],
      ["corrupt JPEG", "broken.jpg", Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 7)]), "BAD_FILE", /无法读取/],
      ["decompression bomb", "bomb.png", pngBomb(), "BAD_FILE", /像素过多/],
      ["too large", "big.jpg", Buffer.concat([await jpeg(), Buffer.alloc(ATTACHMENT_MAX_BYTES)]), "TOO_LARGE", /10 MB/],
    ];
    for (const [what, name, bytes, code, message] of cases) {
      const e = await expectAppError(addReportAttachment(officerA, { reportId: report.id, fileName: name, bytes }), code);
      expect(e.message, what).toMatch(message);
    }
    expect(pngBomb().length).toBeLessThan(200_000); // the bomb is small: only its pixel count gives it away
    expect(await stored(report.id)).toEqual(before);
  });

  it("turns a photo upright from its EXIF orientation, strips all metadata (GPS), and makes a thumbnail", async () => {
    const report = await newReport();
    // 200 × 100 as stored, orientation 6 (the camera was held upright: shown 100 × 200), with GPS.
    const photo = await sharp({ create: { width: 200, height: 100, channels: 3, background: "#cc3333" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({
        IFD0: { Copyright: "SECRET-LOCATION", Make: "PhoneCo" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "28/1 21/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "113/1 5/1 0/1" },
      })
      .toBuffer();
    const input = await sharp(photo).metadata();
    expect(input.orientation).toBe(6);
    expect(photo.includes("SECRET-LOCATION")).toBe(true);

    const added = await addReportAttachment(officerA, { reportId: report.id, fileName: "C:\\DCIM\\现场.jpeg", bytes: photo });
    expect(added).toMatchObject({ kind: "PHOTO", contentType: "image/jpeg", fileName: "现场.jpg", width: 100, height: 200, count: 1 });
    const row = await db.attachment.findUniqueOrThrow({ where: { id: added.id } });
    const bytes = Buffer.from((await db.attachmentBlob.findUniqueOrThrow({ where: { key: row.storageKey } })).data);
    const out = await sharp(bytes).metadata();
    expect([out.width, out.height]).toEqual([100, 200]);
    expect(out.orientation).toBeUndefined();
    expect(out.exif).toBeUndefined();
    expect(bytes.includes("SECRET-LOCATION") || bytes.includes("PhoneCo")).toBe(false);

    const thumb = await get(tokens.viewer, added.id, "?size=thumb");
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("content-type")).toBe("image/jpeg");
    const t = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(Math.max(t.width!, t.height!)).toBeLessThanOrEqual(320);
    expect(t.exif).toBeUndefined();
  });

  it("uploads through the route (multipart), serves photos inline and PDFs as downloads with nosniff, and only to readers", async () => {
    const report = await newReport();
    const url = `/api/v1/reports/${report.id}/attachments`;
    const ok = await uploadToReport(multipart(tokens.officerA, url, { name: "进度.png", bytes: await png(), type: "image/png" }), params(report.id));
    expect(ok.status).toBe(200);
    const photo = (await ok.json()) as { id: number; contentType: string };
    expect(photo.contentType).toBe("image/png");
    // A PDF declared as an image is still a PDF: the bytes decide.
    const doc = (await (
      await uploadToReport(multipart(tokens.officerA, url, { name: "批复.jpg", bytes: pdf(), type: "image/jpeg" }), params(report.id))
    ).json()) as {
      id: number;
      fileName: string;
    };
    expect(doc.fileName).toBe("批复.pdf");

    const img = await get(tokens.viewer, photo.id);
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type")).toBe("image/png");
    expect(img.headers.get("content-disposition")).toMatch(/^inline; filename=/);
    expect(img.headers.get("x-content-type-options")).toBe("nosniff");
    const file = await get(tokens.viewer, doc.id);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="__.pdf"; filename*=UTF-8''${encodeURIComponent("批复.pdf")}`);
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("content-security-policy")).toContain("sandbox");
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf())).toBe(true);

    // No token, or a revoked one: nothing served.
    expect((await get("plt_not-a-token", photo.id)).status).toBe(401);
    // Another county's officer can neither add nor remove (the unit comes from the database).
    const refused = await uploadToReport(multipart(tokens.officerB, url, { name: "x.jpg", bytes: await jpeg() }), params(report.id));
    expect(refused.status).toBe(403);
    const del = await deleteAttachment(
      new Request(`http://localhost/api/v1/attachments/${photo.id}`, { method: "DELETE", headers: { authorization: `Bearer ${tokens.officerB}` } }),
      params(photo.id),
    );
    expect(del.status).toBe(403);
    await expectAppError(addReportAttachment(officerB, { reportId: report.id, fileName: "x.jpg", bytes: await jpeg() }), "FORBIDDEN");
    // No file part, or a body past the cap (read no further than the limit).
    expect((await uploadToReport(multipart(tokens.officerA, url, null), params(report.id))).status).toBe(400);
    const huge = await uploadToReport(
      multipart(tokens.officerA, url, { name: "big.jpg", bytes: Buffer.alloc(ATTACHMENT_MAX_BYTES + 100 * 1024, 1) }),
      params(report.id),
    );
    expect(huge.status).toBe(413);
    expect(await db.attachment.count({ where: { reportId: report.id } })).toBe(2);
  });

  it("locks a report's files with the report: submitted or approved reports refuse additions and removals", async () => {
    const draft = await newReport();
    const a = await addReportAttachment(officerA, { reportId: draft.id, fileName: "a.jpg", bytes: await jpeg() });
    await db.progressReport.update({ where: { id: draft.id }, data: { status: "SUBMITTED" } });
    expect((await expectAppError(addReportAttachment(officerA, { reportId: draft.id, fileName: "b.jpg", bytes: await jpeg() }), "VALIDATION")).message).toMatch(
      /已提交/,
    );
    expect((await expectAppError(removeAttachment(officerA, { id: a.id }), "VALIDATION")).message).toMatch(/已提交/);
    const approved = await newReport("APPROVED");
    expect((await expectAppError(addReportAttachment(admin, { reportId: approved.id, fileName: "b.jpg", bytes: await jpeg() }), "VALIDATION")).message).toMatch(
      /更正/,
    );
    // Returned: editable again.
    await db.progressReport.update({ where: { id: draft.id }, data: { status: "RETURNED" } });
    await removeAttachment(officerA, { id: a.id });
    expect(await db.attachment.count({ where: { reportId: draft.id, deletedAt: null } })).toBe(0);
  });

  it(`20 concurrent uploads to a report with 19 free slots: exactly 19 stored (at most ${ATTACHMENT_MAX_FILES} a report)`, async () => {
    const report = await newReport();
    await addReportAttachment(officerA, { reportId: report.id, fileName: "first.jpg", bytes: await jpeg() });
    const photo = await jpeg(32, 32, "#888888");
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => addReportAttachment(officerA, { reportId: report.id, fileName: `p${i}.jpg`, bytes: photo })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(19);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(failed).toHaveLength(1);
    expect(failed[0].reason.message).toMatch(/最多 20 个/);
    expect(await db.attachment.count({ where: { reportId: report.id, deletedAt: null } })).toBe(ATTACHMENT_MAX_FILES);
    const keys = (await db.attachment.findMany({ where: { reportId: report.id } })).flatMap((a) => [a.storageKey, a.thumbKey!]);
    expect(await db.attachmentBlob.count({ where: { key: { in: keys } } })).toBe(2 * ATTACHMENT_MAX_FILES); // no orphaned bytes
  });

  it("audits additions and removals on the report, naming the file; a removal deletes the bytes", async () => {
    const report = await newReport();
    const a = await addReportAttachment(officerA, { reportId: report.id, fileName: "基础施工.jpg", bytes: await jpeg() });
    const row = await db.attachment.findUniqueOrThrow({ where: { id: a.id } });
    await removeAttachment(admin, { id: a.id });
    await expectAppError(removeAttachment(admin, { id: a.id }), "NOT_FOUND");
    const audit = await db.auditEvent.findMany({ where: { entityType: "ProgressReport", entityId: String(report.id) }, orderBy: { id: "asc" } });
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([
      ["attachment.add", officerA.id],
      ["attachment.remove", admin.id],
    ]);
    expect(JSON.stringify(audit[0].changes)).toContain("照片「基础施工.jpg」");
    expect(await db.attachmentBlob.count({ where: { key: { in: [row.storageKey, row.thumbKey!] } } })).toBe(0);
    expect((await db.attachment.findUniqueOrThrow({ where: { id: a.id } })).deletedById).toBe(admin.id);
    expect((await get(tokens.viewer, a.id)).status).toBe(404);
  });

  it("milestones: 文号 and 批复日期 saved and audited; their scans attached by whoever edits the milestones", async () => {
    const p = await makeProject(db, { planId: ctx.planId, sectionId: ctx.sectionId, unitId: ctx.unitA });
    const m = await makeMilestone(db, { projectId: p.id, code: "START" });
    const project = await db.project.findUniqueOrThrow({ where: { id: p.id } });
    await saveMilestones(officerA, {
      projectId: p.id,
      listVersion: project.milestonesVersion,
      milestones: [
        {
          id: m.id,
          version: m.version,
          code: m.code,
          name: m.name,
          plannedDate: "",
          actualDate: "",
          docNumber: "岳发改投资〔2024〕12号",
          docDate: "2024-05-06",
        },
      ],
    });
    const saved = await db.milestone.findUniqueOrThrow({ where: { id: m.id } });
    expect(saved.docNumber).toBe("岳发改投资〔2024〕12号");
    expect(saved.docDate?.toISOString().slice(0, 10)).toBe("2024-05-06");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityType: "Milestone", entityId: String(m.id), action: "milestone.update" } });
    expect(JSON.stringify(audit.changes)).toContain("docNumber");

    const scan = await addMilestoneAttachment(officerA, { milestoneId: m.id, fileName: "批复.pdf", bytes: pdf() });
    expect(scan).toMatchObject({ kind: "DOCUMENT", contentType: "application/pdf" });
    await expectAppError(addMilestoneAttachment(officerB, { milestoneId: m.id, fileName: "批复.pdf", bytes: pdf() }), "FORBIDDEN");
    await expectAppError(addMilestoneAttachment(await sessionFor("FINANCE_REVIEWER"), { milestoneId: m.id, fileName: "批复.pdf", bytes: pdf() }), "FORBIDDEN");
    expect(await db.auditEvent.count({ where: { entityType: "Milestone", entityId: String(m.id), action: "attachment.add" } })).toBe(1);
  });
});

describe("调度表", () => {
  it("counts the photos behind each project's approved report: 照片 n 张 after the progress", async () => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["照片县"] });
    const officer = await sessionFor("COUNTY_OFFICER", [units[0].id]);
    const withPhotos = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id, name: "有照片的项目" });
    const without = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id, name: "无照片的项目" });
    const r1 = await makeReport(db, { projectId: withPhotos.id, period: "2025-03", status: "DRAFT", completedWan: "10" });
    await makeReport(db, { projectId: without.id, period: "2025-03", status: "APPROVED", completedWan: "5" });
    for (const name of ["a.jpg", "b.jpg", "c.jpg"]) await addReportAttachment(officer, { reportId: r1.id, fileName: name, bytes: await jpeg() });
    await addReportAttachment(officer, { reportId: r1.id, fileName: "批复.pdf", bytes: pdf() }); // a document, not a photo
    await db.progressReport.update({ where: { id: r1.id }, data: { status: "APPROVED", isOfficial: true, progressText: "主体封顶" } });
    const job = await prepareScheduleExport(admin, { plan: plan.id, period: "2025-03", unit: units[0].id });
    const ws = (await readWorkbook(await collect(job.write))).worksheets[0];
    const progressOf = (name: string) => {
      let found: unknown;
      ws.eachRow((row) => {
        if (row.getCell(2).value === name) found = row.getCell(11).value;
      });
      return found;
    };
    expect(progressOf("有照片的项目")).toBe("主体封顶 （照片 3 张）");
    expect(progressOf("无照片的项目")).toBeNull();
  });
});

// Backup and restore are the owner's work (scripts/backup.ts, restore.ts).
const source = process.env.OWNER_DATABASE_URL ?? process.env.DATABASE_URL!;
const target = withDatabase(source, "ledger_test_restore_attachments");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-backup-attachments-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("backup and restore", () => {
  it("carry the attachments and their bytes", async () => {
    const report = await newReport();
    const photo = await jpeg(300, 200, "#446688");
    const a = await addReportAttachment(officerA, { reportId: report.id, fileName: "备份.jpg", bytes: photo });
    const row = await db.attachment.findUniqueOrThrow({ where: { id: a.id } });
    const original = Buffer.from((await db.attachmentBlob.findUniqueOrThrow({ where: { key: row.storageKey } })).data);
    await dumpDatabase(source, dir);
    await recreateDatabase(target);
    await prisma(["migrate", "deploy"], target);
    await restoreDatabase(target, dir);
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      const restored = await client.query<{ data: Buffer; sha256: string }>(
        `SELECT b.data, a.sha256 FROM "Attachment" a JOIN "AttachmentBlob" b ON b.key = a."storageKey" WHERE a.id = $1`,
        [a.id],
      );
      expect(restored.rows[0].data.equals(original)).toBe(true);
      expect(restored.rows[0].sha256).toBe(row.sha256);
    } finally {
      await client.end();
    }
  });
});
