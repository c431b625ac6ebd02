import type { FastifyInstance } from 'fastify';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Within the calling plugin: CSV and Excel bodies (and untyped bytes) arrive as a Buffer, up to `limitBytes`. */
export const acceptSpreadsheets = (app: FastifyInstance, limitBytes: number): void => {
  app.addContentTypeParser(['text/csv', XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: limitBytes }, (_req, body, done) => done(null, body));
};
