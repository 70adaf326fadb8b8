/**
 * Values the forms need at run time, kept free of zod so the renderer bundle
 * carries no schema library (zod 4 probes `new Function`, which the CSP forbids).
 * test/renderer/constants.test.ts checks they match the shared schemas.
 */
import type { Confidentiality, Urgency } from '../../../shared/model/incoming.js';

export const URGENCIES: readonly Urgency[] = ['normal', 'urgent', 'very_urgent', 'flash'];
export const CONFIDENTIALITIES: readonly Confidentiality[] = ['normal', 'confidential', 'secret', 'top_secret'];

/** Maximum lengths of IncomingMetadata (Decree 30, Appendix VI II.II). */
export const METADATA_LIMITS = {
  issuer: 200,
  codeNumber: 11,
  codeNotation: 30,
  documentType: 100,
  subject: 500,
  signerName: 50,
  signerPosition: 100,
  description: 500,
} as const;

/** Decree 30/2020, Art. 7 and Appendix III: the document types, as clerks write them. */
export const DOCUMENT_TYPES: readonly string[] = [
  'Công văn',
  'Quyết định',
  'Nghị quyết',
  'Chỉ thị',
  'Quy chế',
  'Quy định',
  'Thông cáo',
  'Thông báo',
  'Hướng dẫn',
  'Chương trình',
  'Kế hoạch',
  'Phương án',
  'Đề án',
  'Dự án',
  'Báo cáo',
  'Biên bản',
  'Tờ trình',
  'Hợp đồng',
  'Công điện',
  'Bản ghi nhớ',
  'Bản thỏa thuận',
  'Giấy ủy quyền',
  'Giấy mời',
  'Giấy giới thiệu',
  'Giấy nghỉ phép',
  'Phiếu gửi',
  'Phiếu chuyển',
  'Phiếu báo',
  'Thư công',
];
