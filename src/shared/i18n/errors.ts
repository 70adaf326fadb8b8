/**
 * Error codes shared by the server, the core and the UI, each with a message in
 * Vietnamese (shown by default) and English. The code is what programs compare;
 * the messages are what people read.
 */
export const ERROR_MESSAGES = {
  bad_request: { vi: 'Yêu cầu không hợp lệ.', en: 'The request is not valid.' },
  invalid_json: { vi: 'Dữ liệu gửi lên không phải JSON hợp lệ.', en: 'The request body is not valid JSON.' },
  validation_failed: { vi: 'Dữ liệu không hợp lệ: {details}', en: 'Invalid data: {details}' },
  payload_too_large: { vi: 'Dữ liệu gửi lên quá lớn (tối đa {limit}).', en: 'The upload is too large (at most {limit}).' },
  unsupported_media_type: { vi: 'Định dạng dữ liệu không được hỗ trợ.', en: 'Unsupported content type.' },
  range_not_satisfiable: { vi: 'Khoảng byte yêu cầu không hợp lệ.', en: 'The requested range cannot be satisfied.' },
  not_found: { vi: 'Không tìm thấy.', en: 'Not found.' },
  unauthenticated: { vi: 'Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại.', en: 'Your session has expired or is invalid. Please sign in again.' },
  invalid_credentials: { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong user name or password.' },
  account_disabled: { vi: 'Tài khoản đã bị khóa.', en: 'This account is disabled.' },
  forbidden: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  document_not_found: { vi: 'Văn bản không tồn tại hoặc bạn không có quyền truy cập.', en: 'The document does not exist or you may not see it.' },
  document_exists: { vi: 'Văn bản này đã được vào sổ.', en: 'This document is already registered.' },
  duplicate_document: { vi: 'Có thể trùng văn bản: đã có văn bản cùng số, ký hiệu, cơ quan ban hành (cùng năm ban hành) trong sổ đến.', en: 'Possible duplicate: a document with the same number, symbol and issuer (issued the same year) is already registered.' },
  document_done: { vi: 'Văn bản đã hoàn thành xử lý, không thể thay đổi.', en: 'The document has been completed and can no longer change.' },
  not_clerk: { vi: 'Chỉ văn thư mới được vào sổ văn bản đến.', en: 'Only a clerk may register incoming documents.' },
  not_agency_leader: { vi: 'Chỉ lãnh đạo cơ quan mới được cho ý kiến chỉ đạo và phân công xử lý.', en: 'Only an agency leader may instruct and assign handlers.' },
  not_unit_leader: { vi: 'Chỉ lãnh đạo đơn vị được giao mới được phân công lại trong đơn vị.', en: 'Only a leader of the assigned unit may re-assign within it.' },
  not_handler: { vi: 'Bạn không được giao xử lý văn bản này.', en: 'You are not assigned to this document.' },
  not_main_handler: { vi: 'Chỉ người xử lý chính mới được hoàn thành văn bản.', en: 'Only the main handler may complete the document.' },
  main_handler_required: { vi: 'Phải có đúng một đơn vị hoặc cá nhân xử lý chính.', en: 'There must be exactly one main handler.' },
  main_handler_exists: { vi: 'Văn bản đã có đơn vị/cá nhân xử lý chính; hãy thu hồi trước khi giao lại.', en: 'The document already has a main handler; revoke it before assigning another.' },
  assignee_invalid: { vi: 'Đơn vị hoặc cá nhân được giao không hợp lệ.', en: 'The assignee is not valid.' },
  assignee_outside_unit: { vi: 'Chỉ được phân công cho cán bộ trong đơn vị của mình.', en: 'You may only re-assign to staff of your own unit.' },
  assignment_not_found: { vi: 'Không tìm thấy phân công.', en: 'The assignment was not found.' },
  assignment_inactive: { vi: 'Phân công này đã kết thúc hoặc bị thu hồi.', en: 'This assignment has ended or was revoked.' },
  duplicate_assignee: { vi: 'Một đơn vị/cá nhân chỉ được giao một vai trò.', en: 'Each unit or person may be given one role only.' },
  deadline_invalid: { vi: 'Hạn xử lý không được trước ngày hôm nay.', en: 'The deadline may not be in the past.' },
  issued_date_future: { vi: 'Ngày văn bản ({date}) không được sau ngày vào sổ ({today}).', en: 'The issue date ({date}) may not be later than the day of registration ({today}).' },
  due_before_issued: { vi: 'Hạn xử lý ({due}) không được trước ngày văn bản ({date}).', en: 'The due date ({due}) may not be before the issue date ({date}).' },
  document_unreadable: {
    vi: 'Văn bản này trên máy chủ có dữ liệu mà phiên bản ứng dụng này không đọc được ({fields}); các văn bản khác vẫn đồng bộ bình thường. Ứng dụng sẽ thử lại khi văn bản được sửa trên máy chủ hoặc khi cập nhật ứng dụng.',
    en: 'The server holds data in this document that this version of the app cannot read ({fields}); other documents keep syncing. The app tries again when the document is corrected on the server or the app is updated.',
  },
  action_time_adjusted: {
    vi: 'Giờ trên máy trạm lệch quá xa giờ máy chủ; thao tác được ghi theo giờ máy chủ ({serverTime}). Hãy kiểm tra đồng hồ của máy.',
    en: 'This computer\'s clock was too far from the server\'s; the action was recorded at the server\'s time ({serverTime}). Please check the computer\'s clock.',
  },
  file_missing: { vi: 'Tệp đính kèm chưa được tải lên máy chủ.', en: 'The attached file has not been uploaded.' },
  file_hash_mismatch: { vi: 'Nội dung tệp không khớp với mã băm SHA-256.', en: 'The file content does not match its SHA-256 hash.' },
  file_not_pdf: { vi: 'Tệp đính kèm phải là PDF.', en: 'Attachments must be PDF files.' },
  content_withheld: { vi: 'Nội dung văn bản mật không được đồng bộ xuống máy trạm.', en: 'Secret content is not synced to desktops.' },
  file_withheld: {
    vi: 'Tệp này cũng là tệp của một văn bản mật nên không được tải xuống máy trạm. Hãy liên hệ văn thư nếu cần xem.',
    en: 'This file also belongs to a secret document, so it is not downloaded to desktops. Ask the clerk if you need to see it.',
  },
  invalid_mutation: { vi: 'Thao tác không hợp lệ: {details}', en: 'Invalid action: {details}' },
  unknown_mutation: { vi: 'Thao tác không được hỗ trợ: {details}', en: 'Unsupported action: {details}' },
  control_characters: { vi: 'Trường {field} có ký tự điều khiển không hợp lệ ({char}); hãy xóa ký tự đó rồi thử lại.', en: 'The field {field} contains an invalid control character ({char}); remove it and try again.' },
  mutation_too_large: { vi: 'Thao tác quá lớn để gửi lên máy chủ (tối đa {limit}) nên không được thực hiện.', en: 'This action is too large to send to the server (at most {limit}), so it was not carried out.' },
  mutation_undeliverable: { vi: 'Máy chủ không thực hiện được thao tác này (mã {status}); thao tác đã được gác lại để các thay đổi khác tiếp tục được gửi.', en: 'The server could not carry out this action (status {status}); it was set aside so your other changes keep being sent.' },
  mutation_abandoned: { vi: 'Máy trạm đã hủy thao tác này vì không gửi được.', en: 'The client gave up this action because it could not be delivered.' },
  service_unavailable: { vi: 'Máy chủ tạm thời không phục vụ được. Thao tác sẽ được gửi lại sau.', en: 'The server is temporarily unavailable. Your changes will be sent later.' },
  client_mismatch: { vi: 'Mã máy trạm thuộc về người dùng khác.', en: 'This client id belongs to another user.' },
  mutation_gap: { vi: 'Thiếu thao tác trong hàng đợi đồng bộ (mong đợi số {expected}).', en: 'A queued action is missing (expected number {expected}).' },
  rate_limited: { vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau.', en: 'Too many requests, please try again later.' },
  server_unreachable: { vi: 'Không kết nối được máy chủ. Thao tác sẽ được gửi khi có mạng.', en: 'The server cannot be reached. Your changes will be sent when the network is back.' },
  server_error: { vi: 'Máy chủ gặp lỗi. Vui lòng thử lại sau.', en: 'The server had a problem. Please try again later.' },
  not_signed_in: { vi: 'Chưa đăng nhập.', en: 'Not signed in.' },
  mail_not_configured: { vi: 'Chưa cấu hình tài khoản thư điện tử.', en: 'No mail account is configured.' },
  mail_auth_failed: { vi: 'Máy chủ thư từ chối đăng nhập: sai tên đăng nhập hoặc mật khẩu thư.', en: 'The mail server refused the sign-in: wrong mail user name or password.' },
  mail_host_unreachable: { vi: 'Không kết nối được máy chủ thư {host}:{port}. Kiểm tra địa chỉ, cổng và mạng.', en: 'Cannot reach the mail server {host}:{port}. Check the address, the port and the network.' },
  mail_certificate: { vi: 'Chứng thư bảo mật của máy chủ thư không hợp lệ hoặc không đáng tin cậy ({details}).', en: 'The mail server\'s certificate is invalid or not trusted ({details}).' },
  mail_timeout: { vi: 'Máy chủ thư không trả lời kịp thời.', en: 'The mail server did not answer in time.' },
  mail_insecure_not_loopback: { vi: 'Chỉ được kết nối không mã hóa tới máy chủ thư trên chính máy này (127.0.0.1/localhost).', en: 'An unencrypted connection is only allowed to a mail server on this machine (127.0.0.1/localhost).' },
  mail_protocol: { vi: 'Máy chủ thư trả lời không đúng giao thức: {details}', en: 'The mail server answered unexpectedly: {details}' },
  mail_message_not_found: { vi: 'Không tìm thấy thư (có thể đã bị xóa hoặc di chuyển).', en: 'The message was not found (it may have been deleted or moved).' },
  mail_attachment_not_found: { vi: 'Không tìm thấy tệp đính kèm.', en: 'The attachment was not found.' },
  mail_attachment_not_pdf: { vi: 'Chỉ vào sổ được tệp đính kèm PDF.', en: 'Only a PDF attachment can be registered.' },
  mail_recipient_required: { vi: 'Thư phải có ít nhất một người nhận.', en: 'The message needs at least one recipient.' },
  mail_send_rejected: { vi: 'Máy chủ thư từ chối gửi thư: {details}', en: 'The mail server refused the message: {details}' },
  mail_offline: { vi: 'Chưa kết nối được máy chủ thư; thao tác sẽ được thực hiện khi có mạng.', en: 'Not connected to the mail server; this will be done when the network is back.' },
  cache_unreadable: {
    vi: 'Không mở được dữ liệu lưu trên máy này: khóa mã hóa của nó bị mất hoặc không khớp (ví dụ hồ sơ người dùng được chép sang máy khác). Dữ liệu cũ đã được cất riêng, không bị xóa; những thay đổi chưa gửi trong đó không đọc được nếu không có khóa. Hãy đăng nhập lại để tải lại văn bản từ máy chủ.',
    en: 'The data kept on this computer cannot be opened: its encryption key is lost or does not match (for example the user profile was copied from another computer). The old data was set aside, not deleted; changes not yet sent in it cannot be read without the key. Sign in again to download your documents from the server.',
  },
  internal: { vi: 'Đã xảy ra lỗi không mong muốn.', en: 'An unexpected error occurred.' },
  // Tasks (Công việc): src/shared/tasks/rules.ts.
  task_not_found: { vi: 'Công việc không tồn tại hoặc bạn không có quyền truy cập.', en: 'The task does not exist or you may not see it.' },
  task_exists: { vi: 'Công việc này đã được tạo.', en: 'This task has already been created.' },
  task_not_leader: { vi: 'Chỉ lãnh đạo mới được giao việc.', en: 'Only a leader may assign tasks.' },
  task_parent_not_found: { vi: 'Không tìm thấy công việc cha hoặc bạn không có quyền truy cập.', en: 'The parent task does not exist or you may not see it.' },
  task_not_parent_handler: { vi: 'Chỉ người chủ trì công việc mới được giao việc con.', en: 'Only the lead handler of a task may give it sub-tasks.' },
  task_deadline_outside_parent: { vi: 'Hạn của việc con ({deadline}) không được sau hạn của công việc cha ({parent}).', en: 'A sub-task\'s deadline ({deadline}) may not be later than its parent\'s ({parent}).' },
  task_deadline_before_start: { vi: 'Hạn hoàn thành ({deadline}) không được trước ngày bắt đầu ({start}).', en: 'The deadline ({deadline}) may not be before the start date ({start}).' },
  task_handdown_deadline_late: { vi: 'Hạn giao lại ({deadline}) không được sau hạn của đơn vị ({limit}).', en: 'The deadline handed down ({deadline}) may not be later than the unit\'s ({limit}).' },
  task_not_manager: { vi: 'Chỉ người giao việc (hoặc lãnh đạo cơ quan) mới được thực hiện thao tác này.', en: 'Only the person who assigned the task (or an agency leader) may do this.' },
  task_not_main_handler: { vi: 'Chỉ người chủ trì công việc mới được thực hiện thao tác này.', en: 'Only the lead handler of the task may do this.' },
  task_not_handler: { vi: 'Bạn không được giao chủ trì hoặc phối hợp thực hiện công việc này.', en: 'You are neither the lead nor a co-operating handler of this task.' },
  task_done: { vi: 'Công việc đã hoàn thành, không thể thay đổi.', en: 'The task is done and can no longer change.' },
  task_awaiting_acceptance: { vi: 'Công việc đã báo cáo hoàn thành và đang chờ người giao nghiệm thu.', en: 'The task has been completed and is awaiting acceptance.' },
  task_not_completed: { vi: 'Công việc chưa được báo cáo hoàn thành.', en: 'The task has not been completed yet.' },
  task_returned: { vi: 'Công việc đã bị trả lại người giao.', en: 'The task has been handed back to the person who assigned it.' },
  task_main_required: { vi: 'Công việc phải luôn có người chủ trì; hãy giao cho người khác bằng chức năng Sửa thay vì thu hồi.', en: 'A task always has a lead handler; give it to someone else by editing it instead of revoking.' },
  task_limit_reached: { vi: 'Công việc đã đạt giới hạn ({limit} mục cùng loại); không thêm được nữa.', en: 'The task has reached its limit ({limit} items of this kind); nothing more can be added.' },
  schedule_entry_not_found: { vi: 'Lịch không tồn tại hoặc bạn không có quyền xem.', en: 'The schedule entry does not exist or you may not see it.' },
  schedule_entry_exists: { vi: 'Lịch này đã được đăng ký.', en: 'This schedule entry already exists.' },
  schedule_not_compiler: { vi: 'Chỉ Văn phòng (bộ phận tổng hợp lịch) và lãnh đạo cơ quan mới được xếp, sửa, gộp, từ chối hoặc huỷ lịch.', en: 'Only the office compiling the schedule and the agency leaders may schedule, edit, merge, reject or cancel entries.' },
  schedule_not_office: { vi: 'Chỉ Văn phòng (bộ phận tổng hợp lịch) mới được trình duyệt lịch tuần.', en: 'Only the office compiling the schedule may submit the week for approval.' },
  schedule_not_approver: { vi: 'Chỉ lãnh đạo cơ quan mới được duyệt hoặc trả lại lịch tuần.', en: 'Only an agency leader may approve or return the week.' },
  schedule_not_requester: { vi: 'Chỉ người đăng ký mới được sửa hoặc rút đăng ký lịch khi Văn phòng chưa xử lý.', en: 'Only the requester may edit or withdraw a request the office has not handled yet.' },
  schedule_entry_state: { vi: 'Lịch đang ở trạng thái "{status}" nên không thể thực hiện thao tác này.', en: 'The entry is "{status}", so this cannot be done.' },
  schedule_week_state: { vi: 'Lịch tuần đang ở trạng thái "{status}" nên không thể thực hiện thao tác này.', en: 'The week is "{status}", so this cannot be done.' },
  schedule_week_mismatch: { vi: 'Tuần không hợp lệ (phải bắt đầu từ thứ Hai, thuộc cơ quan của bạn).', en: 'The week is not valid (it must start on a Monday and belong to your agency).' },
  schedule_other_week: { vi: 'Chỉ được dời lịch trong cùng tuần; để chuyển sang tuần khác, hãy hoãn lịch này và đăng ký lịch mới ở tuần đó.', en: 'An entry can only move within its week; to move it to another week, cancel it and add a new entry in that week.' },
  schedule_date_past: { vi: 'Không đăng ký lịch cho ngày đã qua ({date}).', en: 'You cannot request an entry for a past day ({date}).' },
  schedule_time_order: { vi: 'Giờ kết thúc phải sau giờ bắt đầu.', en: 'The end time must be after the start time.' },
  schedule_chair_not_leader: { vi: 'Người chủ trì phải là lãnh đạo của cơ quan.', en: 'The chair must be a leader of the agency.' },
  schedule_unknown_participant: { vi: 'Thành phần tham dự không hợp lệ (không có trong cơ quan).', en: 'A participant is not valid (not in the agency).' },
  schedule_unknown_room: { vi: 'Phòng họp không có trong danh sách phòng họp của cơ quan.', en: 'The meeting room is not in the agency\'s list of rooms.' },
  schedule_unknown_unit: { vi: 'Đơn vị chuẩn bị không hợp lệ.', en: 'The preparing unit is not valid.' },
  schedule_merge_target: { vi: 'Chỉ gộp được vào một lịch khác của cùng tuần đang chờ xếp hoặc đã xếp.', en: 'A request can only be merged into another requested or scheduled entry of the same week.' },
  schedule_limit_reached: { vi: 'Lịch đã đạt giới hạn ({limit} mục cùng loại); không thêm được nữa.', en: 'The schedule has reached its limit ({limit} items of this kind); nothing more can be added.' },
  schedule_nothing_changed: { vi: 'Không có gì thay đổi.', en: 'Nothing changed.' },
  schedule_ics_invalid: { vi: 'Tệp lịch (.ics) không đọc được: {details}', en: 'The calendar file (.ics) cannot be read: {details}' },
  // Outgoing documents (issue #10; decisions §29).
  outgoing_not_found: { vi: 'Văn bản đi không tồn tại hoặc bạn không có quyền xem.', en: 'The outgoing document does not exist or you may not see it.' },
  outgoing_exists: { vi: 'Dự thảo này đã được tạo.', en: 'This draft already exists.' },
  outgoing_wrong_status: { vi: 'Văn bản đang ở bước "{status}", không thực hiện được thao tác này.', en: 'The document is at the step "{status}"; this action is not possible now.' },
  outgoing_limit_reached: { vi: 'Văn bản đã đạt giới hạn ({limit} mục cùng loại); không thêm được nữa.', en: 'The document has reached its limit ({limit} items of this kind); nothing more can be added.' },
  outgoing_user_invalid: { vi: 'Người được chọn không thuộc cơ quan hoặc đã nghỉ.', en: 'The person chosen is not an active member of the agency.' },
  outgoing_signer_not_leader: { vi: '{name} không phải lãnh đạo nên không được ký ban hành.', en: '{name} is not a leader and may not sign documents.' },
  outgoing_signer_locked: { vi: 'Người ký được chọn khi trình; muốn đổi người ký, hãy trả lại dự thảo rồi trình lại.', en: 'The signer is fixed when the draft is submitted; return the draft and submit it again to change the signer.' },
  outgoing_recipient_invalid: { vi: 'Nơi nhận không hợp lệ: {name}.', en: 'Invalid recipient: {name}.' },
  outgoing_recipient_email_missing: { vi: 'Nơi nhận "{name}" gửi qua thư điện tử nhưng chưa có địa chỉ thư.', en: 'The recipient "{name}" is sent by e-mail but has no address.' },
  outgoing_unit_invalid: { vi: 'Đơn vị soạn thảo không thuộc cơ quan.', en: 'The drafting unit is not a unit of the agency.' },
  outgoing_not_author: { vi: 'Chỉ người soạn thảo mới được sửa, trình hoặc huỷ dự thảo này.', en: 'Only the author may edit, submit or cancel this draft.' },
  outgoing_not_holder: { vi: 'Dự thảo đang chờ người khác xử lý, không phải bạn.', en: 'The draft is waiting for someone else, not you.' },
  outgoing_version_not_found: { vi: 'Không tìm thấy phiên bản dự thảo.', en: 'The draft version was not found.' },
  outgoing_no_file: { vi: 'Dự thảo chưa có tệp văn bản; hãy tải lên tệp (DOCX hoặc PDF) trước khi trình.', en: 'The draft has no file yet; upload one (DOCX or PDF) before submitting.' },
  outgoing_route_invalid: { vi: 'Quy trình trình duyệt không hợp lệ: phải kết thúc bằng đúng một bước ký, và không chuyển cho chính mình.', en: 'Invalid review route: it must end with exactly one signature step, and you may not forward to yourself.' },
  outgoing_sign_to_approve: { vi: 'Ở bước ký, người ký ký số văn bản (hoặc trả lại), không "đồng ý".', en: 'At the signature step the signer signs the document (or returns it) rather than approving it.' },
  outgoing_not_pdf_to_sign: { vi: 'Phiên bản cuối của dự thảo không phải PDF; hãy chuyển sang PDF hoặc tải lên bản PDF để ký.', en: 'The latest draft version is not a PDF; convert it or upload the PDF to sign.' },
  outgoing_signed_file_mismatch: { vi: 'Tệp đã ký không được tạo từ phiên bản cuối của dự thảo (hoặc không có chữ ký hợp lệ).', en: 'The signed file was not made from the latest draft version (or carries no valid signature).' },
  outgoing_relation_invalid: { vi: 'Văn bản được thay thế/cập nhật phải là văn bản đi đã phát hành của cơ quan.', en: 'The document replaced or updated must be an issued outgoing document of the agency.' },
  outgoing_dispatch_by_mail: { vi: 'Nơi nhận "{name}" được gửi qua thư điện tử: hãy dùng "Gửi thư".', en: 'The recipient "{name}" is reached by e-mail: use "Send by mail".' },
  outgoing_not_revoker: { vi: 'Chỉ văn thư, người ký hoặc lãnh đạo cơ quan mới được thu hồi văn bản.', en: 'Only a clerk, the signer or an agency leader may revoke the document.' },
  not_signer: { vi: 'Chỉ người ký được giao mới được ký văn bản này.', en: 'Only the designated signer may sign this document.' },
  not_clerk_outgoing: { vi: 'Chỉ văn thư mới được cấp số, đóng dấu và phát hành văn bản.', en: 'Only a clerk may number, seal and issue documents.' },
  incoming_revoked: { vi: 'Văn bản gốc đã bị thu hồi; văn bản đến này chỉ còn lưu để tra cứu.', en: 'The original document was revoked; this incoming copy is kept for reference only.' },
  outgoing_reply_invalid: { vi: 'Văn bản trả lời phải là văn bản đi của cơ quan.', en: 'The reply must be an outgoing document of the agency.' },
  register_missing: { vi: 'Cơ quan chưa có sổ văn bản đi cho loại văn bản này; quản trị cần cấu hình sổ.', en: 'The agency has no outgoing register for this document type; an administrator must configure one.' },
  register_period_invalid: { vi: 'Khoảng thời gian của sổ không hợp lệ: từ ngày {from} đến ngày {to}.', en: 'The register\'s period is not valid: from {from} to {to}.' },
  register_not_found: { vi: 'Không tìm thấy sổ văn bản đi đã chọn.', en: 'The outgoing register chosen was not found.' },
  mail_account_missing: { vi: 'Chưa cấu hình tài khoản thư điện tử công vụ để gửi.', en: 'No official e-mail account is configured for sending.' },
  docx_converter_missing: { vi: 'Máy này không có bộ chuyển DOCX sang PDF (LibreOffice); hãy tải lên bản PDF để ký.', en: 'This computer has no DOCX-to-PDF converter (LibreOffice); upload the PDF to sign.' },
  extension_not_found: { vi: 'Không tìm thấy đề nghị gia hạn.', en: 'The extension request was not found.' },
  extension_not_pending: { vi: 'Đề nghị gia hạn này đã được xử lý.', en: 'This extension request has already been decided.' },
  extension_pending: { vi: 'Đã có một đề nghị gia hạn đang chờ quyết định.', en: 'An extension request is already awaiting a decision.' },
  extension_not_later: { vi: 'Hạn đề nghị ({date}) phải sau hạn hiện tại ({deadline}).', en: 'The requested deadline ({date}) must be later than the current one ({deadline}).' },
  // Files of any type (a task's attachments): only an empty one is refused.
  file_empty: { vi: 'Tệp rỗng (0 byte), không tải lên được.', en: 'The file is empty (0 bytes) and cannot be uploaded.' },
  // Digital signatures (src/node/pdfsign): key files, tokens (PKCS#11) and the PDFs signed.
  certificate_password_wrong: { vi: 'Mật khẩu của tệp chứng thư số không đúng.', en: 'The certificate file\'s password is wrong.' },
  certificate_file_invalid: { vi: 'Tệp chứng thư số không hợp lệ hoặc không đọc được ({details}).', en: 'The certificate file is not valid or cannot be read ({details}).' },
  token_library_missing: { vi: 'Không nạp được thư viện của thiết bị ký số (token): {library}.', en: 'The signing token\'s library cannot be loaded: {library}.' },
  token_not_found: { vi: 'Không tìm thấy thiết bị ký số (token). Hãy cắm token và thử lại.', en: 'No signing token was found. Plug the token in and try again.' },
  token_pin_wrong: { vi: 'Mã PIN của token không đúng.', en: 'The token\'s PIN is wrong.' },
  token_pin_locked: { vi: 'Token đã bị khoá do nhập sai PIN nhiều lần; hãy liên hệ tổ chức cấp chứng thư số.', en: 'The token is locked after too many wrong PINs; contact the certificate authority.' },
  token_key_missing: { vi: 'Không tìm thấy chứng thư số hoặc khoá bí mật tương ứng trên token.', en: 'The certificate or its private key was not found on the token.' },
  token_failed: { vi: 'Thiết bị ký số (token) báo lỗi: {details}', en: 'The signing token reported an error: {details}' },
  pdf_unreadable: { vi: 'Tệp PDF bị hỏng hoặc không đọc được.', en: 'The PDF file is damaged or cannot be read.' },
  pdf_encrypted: { vi: 'Tệp PDF được mã hoá (đặt mật khẩu); không ký được.', en: 'The PDF file is encrypted (password-protected) and cannot be signed.' },
  pdf_signature_too_large: { vi: 'Chữ ký số ({size} byte) vượt quá chỗ dành trong tệp PDF ({room} byte).', en: 'The signature ({size} bytes) does not fit the room kept for it in the PDF ({room} bytes).' },
  pdf_page_missing: { vi: 'Tệp PDF không có trang {page}.', en: 'The PDF has no page {page}.' },
} as const satisfies Record<string, { vi: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface LocalizedMessage {
  vi: string;
  en: string;
}

export interface AppErrorBody {
  code: ErrorCode;
  message: LocalizedMessage;
  details?: unknown;
}

/** The message for a code, with `{name}` placeholders filled in. */
export function errorMessage(code: ErrorCode, params: Record<string, string | number> = {}): LocalizedMessage {
  const fill = (s: string): string => s.replace(/\{(\w+)\}/gu, (_, k: string) => String(params[k] ?? ''));
  const m = ERROR_MESSAGES[code];
  return { vi: fill(m.vi), en: fill(m.en) };
}

export function errorBody(code: ErrorCode, params: Record<string, string | number> = {}, details?: unknown): AppErrorBody {
  return details === undefined ? { code, message: errorMessage(code, params) } : { code, message: errorMessage(code, params), details };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_MESSAGES, value);
}

/** A domain error: thrown by rules, turned into an HTTP error or a mutation rejection. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  readonly details: unknown;
  constructor(code: ErrorCode, params: Record<string, string | number> = {}, details?: unknown) {
    super(errorMessage(code, params).en);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.details = details;
  }
  toBody(): AppErrorBody {
    return errorBody(this.code, this.params, this.details);
  }
}
