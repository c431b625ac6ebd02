import { and, desc, eq, max } from 'drizzle-orm';
import { evaluationAnalyses, evaluationDatasets, evaluationFrameworks, evaluationRuns } from '../../../db/schema/index.js';
import type { ReadTx, WriteTx } from '../../../db/tx.js';

/** Evaluation records: plain Drizzle queries, no rules. */

export type DatasetRow = typeof evaluationDatasets.$inferSelect;
export type FrameworkRow = typeof evaluationFrameworks.$inferSelect;
export type RunRow = typeof evaluationRuns.$inferSelect;
export type AnalysisRow = typeof evaluationAnalyses.$inferSelect;

const datasetSummaryColumns = {
  id: evaluationDatasets.id,
  centreId: evaluationDatasets.centreId,
  name: evaluationDatasets.name,
  description: evaluationDatasets.description,
  isExample: evaluationDatasets.isExample,
  dataSha256: evaluationDatasets.dataSha256,
  metaSha256: evaluationDatasets.metaSha256,
  unitCount: evaluationDatasets.unitCount,
  indicatorCount: evaluationDatasets.indicatorCount,
  origin: evaluationDatasets.origin,
  createdBy: evaluationDatasets.createdBy,
  createdAt: evaluationDatasets.createdAt,
};
export type DatasetSummaryRow = Omit<DatasetRow, 'dataCsv' | 'metaCsv' | 'cellSources'>;

export const listDatasets = (tx: ReadTx, centreId: string): Promise<DatasetSummaryRow[]> =>
  tx.select(datasetSummaryColumns).from(evaluationDatasets).where(eq(evaluationDatasets.centreId, centreId)).orderBy(desc(evaluationDatasets.createdAt), evaluationDatasets.id);

export const findDataset = async (tx: ReadTx, centreId: string, id: string): Promise<DatasetRow | undefined> =>
  (await tx.select().from(evaluationDatasets).where(and(eq(evaluationDatasets.centreId, centreId), eq(evaluationDatasets.id, id))))[0];

export const findDatasetByContent = async (tx: ReadTx, centreId: string, dataSha256: string, metaSha256: string): Promise<DatasetRow | undefined> =>
  (
    await tx
      .select()
      .from(evaluationDatasets)
      .where(and(eq(evaluationDatasets.centreId, centreId), eq(evaluationDatasets.dataSha256, dataSha256), eq(evaluationDatasets.metaSha256, metaSha256)))
  )[0];

export const insertDataset = async (tx: WriteTx, row: DatasetRow): Promise<DatasetRow> => {
  const [created] = await tx.insert(evaluationDatasets).values(row).returning();
  if (!created) throw new Error('dataset missing after insert');
  return created;
};

export const listFrameworkVersions = (tx: ReadTx, centreId: string, key?: string): Promise<FrameworkRow[]> =>
  tx
    .select()
    .from(evaluationFrameworks)
    .where(key === undefined ? eq(evaluationFrameworks.centreId, centreId) : and(eq(evaluationFrameworks.centreId, centreId), eq(evaluationFrameworks.key, key)))
    .orderBy(evaluationFrameworks.key, desc(evaluationFrameworks.version));

export const findFramework = async (tx: ReadTx, centreId: string, id: string): Promise<FrameworkRow | undefined> =>
  (await tx.select().from(evaluationFrameworks).where(and(eq(evaluationFrameworks.centreId, centreId), eq(evaluationFrameworks.id, id))))[0];

/** The latest version under a key, locking nothing: the unique index on (centre, key, version) refuses a concurrent duplicate. */
export const latestFrameworkVersion = async (tx: WriteTx, centreId: string, key: string): Promise<number> =>
  (await tx.select({ v: max(evaluationFrameworks.version) }).from(evaluationFrameworks).where(and(eq(evaluationFrameworks.centreId, centreId), eq(evaluationFrameworks.key, key))))[0]?.v ?? 0;

export const insertFramework = async (tx: WriteTx, row: FrameworkRow): Promise<FrameworkRow> => {
  const [created] = await tx.insert(evaluationFrameworks).values(row).returning();
  if (!created) throw new Error('framework missing after insert');
  return created;
};

export const insertRun = async (tx: WriteTx, row: RunRow): Promise<RunRow> => {
  const [created] = await tx.insert(evaluationRuns).values(row).returning();
  if (!created) throw new Error('run missing after insert');
  return created;
};

export const findRun = async (tx: ReadTx, centreId: string, id: string): Promise<RunRow | undefined> =>
  (await tx.select().from(evaluationRuns).where(and(eq(evaluationRuns.centreId, centreId), eq(evaluationRuns.id, id))))[0];

export const listRuns = (tx: ReadTx, centreId: string, limit: number) =>
  tx
    .select({
      id: evaluationRuns.id,
      datasetId: evaluationRuns.datasetId,
      frameworkId: evaluationRuns.frameworkId,
      versions: evaluationRuns.versions,
      durationMs: evaluationRuns.durationMs,
      createdBy: evaluationRuns.createdBy,
      createdAt: evaluationRuns.createdAt,
    })
    .from(evaluationRuns)
    .where(eq(evaluationRuns.centreId, centreId))
    .orderBy(desc(evaluationRuns.createdAt), desc(evaluationRuns.id))
    .limit(limit);

export const insertAnalysis = async (tx: WriteTx, row: AnalysisRow): Promise<AnalysisRow> => {
  const [created] = await tx.insert(evaluationAnalyses).values(row).returning();
  if (!created) throw new Error('analysis missing after insert');
  return created;
};

export const updateAnalysis = async (tx: WriteTx, id: string, values: Partial<Pick<AnalysisRow, 'status' | 'result' | 'error' | 'durationMs' | 'finishedAt'>>): Promise<AnalysisRow> => {
  const [updated] = await tx.update(evaluationAnalyses).set(values).where(eq(evaluationAnalyses.id, id)).returning();
  if (!updated) throw new Error(`analysis ${id} missing on update`);
  return updated;
};

export const findAnalysis = async (tx: ReadTx, centreId: string, id: string): Promise<AnalysisRow | undefined> =>
  (await tx.select().from(evaluationAnalyses).where(and(eq(evaluationAnalyses.centreId, centreId), eq(evaluationAnalyses.id, id))))[0];

export const listAnalyses = (tx: ReadTx, centreId: string, limit: number): Promise<AnalysisRow[]> =>
  tx.select().from(evaluationAnalyses).where(eq(evaluationAnalyses.centreId, centreId)).orderBy(desc(evaluationAnalyses.createdAt), desc(evaluationAnalyses.id)).limit(limit);
