/** The few pages the web host writes itself, in Vietnamese first and English (pure). */

const escapeHtml = (s: string): string => s.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#222}h1{font-size:1.4rem}.en{color:#666}code{background:#f3f3f3;padding:.1rem .3rem}</style>
</head><body>${body}</body></html>
`;
}

export function forbiddenPage(): string {
  return page(
    'iOffice — Không có quyền truy cập',
    `<h1>Không có quyền truy cập</h1>
<p>Liên kết này đã được dùng hoặc không hợp lệ. Hãy mở đúng liên kết mà lệnh <code>npm start</code> in ra trong cửa sổ dòng lệnh (mỗi liên kết chỉ dùng được một lần).</p>
<p class="en" lang="en"><b>Access denied.</b> This link has already been used or is not valid. Open the link that <code>npm start</code> printed in the terminal (each link works once).</p>`,
  );
}

export function misdirectedPage(): string {
  return page(
    'iOffice — Địa chỉ không hợp lệ',
    `<h1>Địa chỉ không hợp lệ</h1><p>Hãy mở iOffice bằng địa chỉ 127.0.0.1 mà lệnh <code>npm start</code> in ra.</p>
<p class="en" lang="en">Open iOffice at the 127.0.0.1 address that <code>npm start</code> printed.</p>`,
  );
}

export function rendererMissingPage(folder: string): string {
  return page(
    'iOffice — Chưa có giao diện',
    `<h1>Chưa có giao diện người dùng</h1>
<p>Không tìm thấy bản dựng giao diện trong <code>${escapeHtml(folder)}</code>. Hãy chạy <code>npm run build:renderer</code> rồi tải lại trang.</p>
<p class="en" lang="en">The user interface has not been built (nothing in <code>${escapeHtml(folder)}</code>). Run <code>npm run build:renderer</code>, then reload.</p>`,
  );
}
