/**
 * wx-server-sdk as the tests call it. Its typings declare callback overloads that return void, so
 * the promise forms the SDK really returns are restated here; the object is the real SDK.
 */
import * as sdk from 'wx-server-sdk';

type FileStatus = { fileID: string; status: number; errMsg: string };

/** The promise-returning surface of wx-server-sdk the tests use. */
export interface TestCloud {
  init(config: { env: unknown }): void;
  readonly DYNAMIC_CURRENT_ENV: unknown;
  getWXContext(): Record<string, string | number | undefined>;
  callFunction(options: { name: string; data?: object }): Promise<{ result: unknown }>;
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
  getTempFileURL(options: { fileList: string[] }): Promise<{ fileList: (FileStatus & { tempFileURL: string; maxAge?: number })[] }>;
  downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer }>;
  deleteFile(options: { fileList: string[] }): Promise<{ fileList: FileStatus[] }>;
  // The openapi proxy accepts any path; results are checked field by field in the tests.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  openapi: any;
}

/** The real wx-server-sdk module, typed for tests. */
export const cloud = sdk as unknown as TestCloud;
