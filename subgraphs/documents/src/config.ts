import { ConfigError, envBool, envInt, envOptional, envString } from '@cee-hub/common';
import { readSubgraphConfig, type SubgraphConfig } from '@cee-hub/common/subgraph';
import type { S3Settings } from './storage/s3-blob-store';

export interface DocumentsConfig extends SubgraphConfig {
  /** The largest document accepted, in bytes. */
  maxDocumentBytes: number;
  /** How long an upload URL works, and a download URL. */
  uploadUrlTtlMs: number;
  downloadUrlTtlMs: number;
  /** Where bytes are kept: an S3 bucket when one is configured, else PostgreSQL (the documents schema). */
  s3?: S3Settings;
}

/** The S3 settings, when DOCUMENTS_S3_BUCKET names a bucket. */
export function readS3Settings(env: NodeJS.ProcessEnv): S3Settings | undefined {
  const bucket = envOptional(env, 'DOCUMENTS_S3_BUCKET');
  if (!bucket) return undefined;
  const endpoint = envOptional(env, 'DOCUMENTS_S3_ENDPOINT');
  if (endpoint && !/^https?:\/\//.test(endpoint)) throw new ConfigError(`DOCUMENTS_S3_ENDPOINT must be an http(s) URL; got '${endpoint}'`);
  const accessKeyId = envOptional(env, 'DOCUMENTS_S3_ACCESS_KEY_ID');
  const secretAccessKey = envOptional(env, 'DOCUMENTS_S3_SECRET_ACCESS_KEY');
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new ConfigError('Set both DOCUMENTS_S3_ACCESS_KEY_ID and DOCUMENTS_S3_SECRET_ACCESS_KEY, or neither (the AWS SDK then finds credentials itself)');
  }
  return {
    bucket,
    region: envString(env, 'DOCUMENTS_S3_REGION', 'us-east-1'),
    endpoint,
    // S3-compatible stores are usually addressed by path; AWS's own by virtual host.
    forcePathStyle: envBool(env, 'DOCUMENTS_S3_FORCE_PATH_STYLE', Boolean(endpoint)),
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    prefix: envString(env, 'DOCUMENTS_S3_PREFIX', 'documents/'),
  };
}

export function readDocumentsConfig(env: NodeJS.ProcessEnv): Readonly<DocumentsConfig> {
  return Object.freeze({
    ...readSubgraphConfig(env, 'DOCUMENTS_PORT', 4005),
    // GraphQL's Int carries the declared size, so at most 2 GiB - 1.
    maxDocumentBytes: envInt(env, 'DOCUMENTS_MAX_BYTES', 25 * 1024 * 1024, { min: 1024, max: 2 ** 31 - 1 }),
    uploadUrlTtlMs: envInt(env, 'DOCUMENTS_UPLOAD_URL_TTL_SECONDS', 15 * 60, { min: 10, max: 24 * 3600 }) * 1000,
    downloadUrlTtlMs: envInt(env, 'DOCUMENTS_DOWNLOAD_URL_TTL_SECONDS', 5 * 60, { min: 10, max: 24 * 3600 }) * 1000,
    s3: readS3Settings(env),
  });
}
