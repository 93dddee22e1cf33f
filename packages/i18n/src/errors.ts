/**
 * Every machine-readable error code the platform returns, with its Chinese
 * message. Server responses and UIs both read from here, so a code never
 * appears with two different wordings. `{name}` placeholders are filled by
 * `formatMessage`.
 */
export const errorMessages = {
  // request shape
  BODY_INVALID: '请求内容格式不正确',
  FIELD_REQUIRED: '请填写此项',
  FIELD_TOO_LONG: '输入内容过长',
  FIELD_INVALID: '输入内容格式不正确',
  UNKNOWN_FIELD: '请求包含不支持的字段',
  ORIGIN_FORBIDDEN: '请求来源不被允许',
  PAYLOAD_TOO_LARGE: '请求内容过大',
  NOT_FOUND: '请求的资源不存在',
  METHOD_NOT_ALLOWED: '不支持的请求方式',
  INTERNAL_ERROR: '系统繁忙，请稍后再试',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后重试',
  RATE_LIMITED: '操作过于频繁，请{retryAfter}秒后再试',

  // identity documents and personal fields (validators)
  ID_TYPE_INVALID: '请选择正确的证件类型',
  ID_NUMBER_FORMAT: '证件号码格式不正确',
  ID_NUMBER_CHECKSUM: '证件号码校验位不正确，请核对',
  ID_NUMBER_BIRTHDATE: '证件号码中的出生日期无效',
  ID_NUMBER_REGION: '证件号码中的地区代码无效',
  NAME_INVALID: '请输入与证件一致的姓名',
  PHONE_INVALID: '请输入正确的11位手机号码',
  USERNAME_INVALID: '用户名需以字母开头，由6-20位字母、数字或下划线组成',
  USERNAME_LOOKS_LIKE_IDENTIFIER: '用户名不能是手机号或证件号码的格式',
  PASSWORD_LENGTH: '密码长度需为8-64位',
  PASSWORD_COMPLEXITY: '密码需包含大写字母、小写字母、数字、特殊符号中的至少3种',
  PASSWORD_INVALID_CHARACTERS: '密码只能包含字母、数字和常用符号',
  PASSWORD_CONTAINS_PERSONAL: '密码不能包含用户名、手机号或出生日期',
  PASSWORD_TOO_COMMON: '该密码过于常见或已在数据泄露中出现，请更换',
  PASSWORD_MISMATCH: '两次输入的密码不一致',
  CONSENT_REQUIRED: '请阅读并同意《用户服务协议》和《隐私政策》',

  // 统一社会信用代码 (validators, GB 32100 / GB 11714)
  USCC_FORMAT: '统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）',
  USCC_STRUCTURE: '统一社会信用代码中的登记管理部门、机构类别或行政区划代码无效',
  USCC_ORG_CODE: '统一社会信用代码中的组织机构代码校验位不正确，请核对',
  USCC_CHECKSUM: '统一社会信用代码校验位不正确，请核对',

  // captcha
  CAPTCHA_INVALID: '图形验证码错误，请重新输入',
  CAPTCHA_EXPIRED: '图形验证码已失效，请点击图片刷新',

  // sms codes
  SMS_CODE_INVALID: '短信验证码错误',
  SMS_CODE_EXPIRED: '短信验证码已失效，请重新获取',
  SMS_CODE_ATTEMPTS_EXCEEDED: '短信验证码错误次数过多，请重新获取',
  SMS_RESEND_TOO_SOON: '验证码已发送，请{retryAfter}秒后再获取',
  SMS_DAILY_LIMIT: '今日获取验证码次数已达上限，请明天再试',
  SMS_SEND_FAILED: '短信发送失败，请稍后重试',
  SMS_PHONE_UNREACHABLE: '该手机号无法接收短信，请核对号码或联系运营商',
  SMS_VENDOR_LIMITED: '该手机号接收短信过于频繁，请稍后再试',

  // registration
  USERNAME_TAKEN: '该用户名已被使用，请换一个',
  PHONE_TAKEN: '该手机号已绑定其他账号，请使用忘记密码找回或更换手机号',
  ID_NUMBER_TAKEN: '该证件号码已注册账号，如忘记密码请通过“忘记密码”找回',
  REALNAME_MISMATCH: '姓名与证件号码不一致，请核对后重试',
  REALNAME_UNAVAILABLE: '实名核验服务暂不可用，请稍后再试',

  // login
  CREDENTIALS_INVALID: '账号或密码错误，再错{remaining}次需等待{wait}',
  LOGIN_THROTTLED: '密码错误次数过多，请{wait}后再试，或使用扫码登录、忘记密码',
  PASSWORD_LOGIN_PAUSED: '该账号今日密码错误次数过多，为保护账号安全，已暂停在未登录过该账号的设备上使用密码登录。请使用扫码登录，或通过忘记密码重设密码后登录',
  ACCOUNT_DISABLED: '账号已停用，请联系客服',
  LOGIN_REQUEST_EXPIRED: '登录请求已失效，请返回业务系统重新发起登录',

  // 忘记密码 wizard
  RESET_IDENTITY_MISMATCH: '账户名与证件号码不匹配，请核对后重试',
  RESET_ATTEMPTS_EXCEEDED: '核验失败次数过多，请重新开始找回密码',
  RESET_NO_BOUND_PHONE: '该账号未绑定手机号，无法通过短信找回密码',
  RESET_TICKET_INVALID: '本次找回密码已失效或已完成，请重新开始',
  RESET_TICKET_OTHER_BROWSER: '请在开始找回密码的同一浏览器中继续操作',
  RESET_STEP_SKIPPED: '请按顺序完成找回密码的每一步',
  RESET_CODE_NOT_SENT: '请先获取短信验证码',
  PASSWORD_REUSED: '新密码不能与最近3次使用过的密码相同',
  PASSWORD_EXPIRED: '密码已超过有效期，请点击“忘记密码”设置新密码后再登录',

  // companion app: login, face check, sessions
  APP_LOGIN_REQUIRED: '请先登录手机App',
  FACE_CONSENT_REQUIRED: '请阅读并同意《人脸识别服务授权》后再开始人脸识别',
  FACE_FRAMES_INVALID: '未能获取有效的人脸图像，请重新识别',
  FACE_VIDEO_INVALID: '未能获取有效的人脸视频，请重新识别',
  FACE_ID_TYPE_UNSUPPORTED: '该证件类型暂不支持人脸识别，请选择其他验证方式',
  FACE_NO_FACE: '未检测到人脸，请正对摄像头并保持光线充足',
  FACE_NOT_LIVE: '活体检测未通过，请按屏幕提示完成眨眼、摇头或点头动作',
  FACE_CHALLENGE_INVALID: '人脸识别已超时，请重新开始识别',
  FACE_MISMATCH: '人脸识别未通过，请确认为本人操作',
  FACE_SERVICE_UNAVAILABLE: '人脸识别服务暂不可用，请稍后再试或使用短信验证码登录',
  FACE_CHECK_UNAVAILABLE: '本平台暂未开通人脸识别，请使用短信验证码登录；原手机号不可用时请到政务服务大厅办理换绑',
  ACR_LEVEL_UNAVAILABLE: '该业务系统要求实人认证（L3）登录，本平台暂未开通人脸识别，无法完成此次登录。请联系该业务系统，或到政务服务大厅办理相关业务。',
  APP_VALIDITY_INVALID: '请选择登录有效期',
  APP_NO_BOUND_PHONE: '该证件未绑定手机号，无法使用短信验证码登录，请使用人脸识别登录',
  APP_SESSION_NOT_FOUND: '该登录设备已退出或不存在',

  // 扫码登录
  QR_EXPIRED: '二维码已失效，请在电脑上刷新二维码后重新扫描',
  QR_ALREADY_USED: '该二维码已使用，请在电脑上刷新二维码后重新扫描',
  QR_TAKEN_BY_OTHER: '该二维码已被其他用户扫描，请在电脑上刷新二维码',
  QR_NOT_CONFIRMED: '请在手机上确认登录',
  QR_NOT_SCANNED: '请使用手机App重新扫描电脑上的二维码',
  QR_ASSURANCE_TOO_LOW: '该服务要求实人认证，请先在手机App中通过人脸识别登录，再重新扫码',
  QR_FACE_REQUIRED: '该服务要求两种登录方式，请先在手机App中通过人脸识别登录，再重新扫码',
  QR_REAUTH_REQUIRED: '该服务要求重新进行人脸识别，请重新登录手机App后再扫码确认',
  LOGIN_REQUIRES_QR: '该服务要求实人认证，请使用手机App扫码登录',

  // 换绑手机号
  PHONE_CHANGE_STEP_INVALID: '本次换绑已失效，请重新开始',
  PHONE_UNCHANGED: '新手机号不能与原手机号相同',
  PHONE_CHANGE_NO_OLD_PHONE: '当前账号未绑定手机号，请通过人脸识别验证身份',

  // 用户中心
  ACCOUNT_LOGIN_REQUIRED: '请先登录用户中心',
  SESSION_NOT_FOUND: '该会话已结束或不存在',
  SESSION_IS_CURRENT: '这是您当前使用的会话，请使用“退出登录”',

  // 法人: entities, legal representatives and agents
  ENTITY_NOT_FOUND: '该单位未在本平台注册，请核对统一社会信用代码或单位账号',
  ENTITY_NOT_AUTHORIZED: '您不是该单位的法定代表人或有效经办人，无法代表该单位登录',
  ENTITY_GRANT_EXPIRED: '您对该单位的经办授权已过期，请联系法定代表人重新授权',
  ENTITY_SERVICE_NOT_GRANTED: '您的经办授权不包含当前业务系统，请联系法定代表人调整授权范围',
  ENTITY_LOGIN_REQUIRED: '该业务系统仅支持法人登录，请切换到“法人登录”',
  ENTITY_LOGIN_NOT_SUPPORTED: '该业务系统不支持法人登录，请使用个人登录',
  ENTITY_LOGIN_UNAVAILABLE: '本平台暂未开通法人服务（法人登录、注册单位、经办人授权），请使用个人登录',
  ENTITY_CHOICE_REQUIRED: '请选择要代表登录的单位',
  ENTITY_NOT_IN_REGISTRY: '未在登记机关查询到该统一社会信用代码，请核对',
  ENTITY_NAME_MISMATCH: '单位名称与登记信息不一致，请核对（需与营业执照一致）',
  ENTITY_NOT_LEGAL_REPRESENTATIVE: '登记信息显示您不是该单位的法定代表人，无法注册',
  ENTITY_ALREADY_REGISTERED: '该单位已注册，法定代表人可直接使用法人登录',
  ENTITY_ACCOUNT_NAME_TAKEN: '该单位账号已被使用，请更换',
  ENTITY_REGISTRY_UNAVAILABLE: '企业登记信息核验服务暂不可用，请稍后再试',
  ENTITY_REPRESENTATIVE_ONLY: '仅单位的法定代表人可以管理经办人',
  REALNAME_REQUIRED: '请先完成实名认证',
  AGENT_IDENTIFIER_INVALID: '请输入经办人的证件号码或手机号',
  AGENT_NOT_FOUND: '未找到与该姓名及证件号码（或手机号）相符的实名用户，请核对，或请对方先注册并完成实名认证',
  AGENT_IS_REPRESENTATIVE: '法定代表人无需授权给自己',
  AGENT_LIMIT_REACHED: '每个单位最多授权{limit}名经办人，请先撤销不再需要的经办人',
  AGENT_EXPIRY_INVALID: '授权有效期须为今天或之后，且不超过{maxYears}年',
  AGENT_SERVICES_INVALID: '请选择至少一个已接入的业务系统',
  AGENT_GRANT_NOT_FOUND: '该授权不存在或已撤销',
  CLIENT_METADATA_INVALID: '依赖方注册信息有误，请按 RFC 7591 客户端元数据填写（一个 JSON 对象，字段见 docs/relying-parties.md）',
  CLIENT_REDIRECT_URI_INVALID: '地址须为完整的绝对地址，不含“#”片段；localhost、127.0.0.1 以外须使用 https',
  CLIENT_AUTH_METHOD_INVALID: '客户端认证方式有误：机密客户端用 client_secret_basic、client_secret_post 或 private_key_jwt（须提供 jwks_uri 或 jwks 之一），公开客户端用 none',
  CLIENT_SCOPE_INVALID: '权限范围须包含 openid，且只能是 openid、offline_access、profile、phone、id_card、entity',
  CLIENT_SCOPE_JUSTIFICATION_REQUIRED: '申请证件号码（id_card）或手机号（phone）须填写书面理由（uia_scope_justification）',
  CLIENT_LOGIN_TYPES_INVALID: '登录类型与权限范围不一致：接受法人登录须申请 entity 权限，只接受法人登录的依赖方不能同时要求个人信息',
  CLIENT_METADATA_REJECTED: '依赖方注册信息未通过 OpenID Connect 协议校验，请核对',
  CLIENT_NOT_FOUND: '该依赖方不存在',
  CLIENT_BUILT_IN: '平台内置的依赖方由平台维护，不能在此修改、停用或删除',
  CLIENT_HAS_NO_SECRET: '该依赖方不使用客户端密钥（公开客户端或 private_key_jwt），无需轮换',

  // 运维管理控制台: 账号管理 (安全管理员; the console is an administrators' tool, so "not found" may be said)
  ACCOUNT_NOT_FOUND: '未找到该账号，请核对用户名、手机号或证件号码',
  IN_PERSON_REFERENCE_INVALID: '请填写服务大厅的办件编号（6至32位大写字母、数字或连字符）',
  ACCOUNT_ALREADY_L4: '该账号已是 L4（现场核验），无需再次提升',

  // 管理控制台 (三员分立)
  SECOND_FACTOR_NOT_STARTED: '请先输入账号和密码',
  SECOND_FACTOR_NO_PHONE: '此服务要求短信验证码登录，您的账号未绑定手机号',
  TWO_FACTORS_REQUIRED: '此服务要求两种方式登录（密码加短信验证码，或扫码登录）',
  CONSOLE_LOGIN_REQUIRED: '请先登录管理控制台',
  CONSOLE_ROLE_REQUIRED: '您的管理角色无权进行此操作',
  CONSOLE_ACCOUNT_NOT_FOUND: '未找到该账号，请核对用户名、手机号或证件号码',
  CONSOLE_ROLE_SELF: '不能授予或撤销自己的管理角色',
  CONSOLE_ROLE_HELD: '此人已担任一个管理角色，一人只能担任一个角色，请先撤销原角色',
  CONSOLE_ROLE_NOT_HELD: '此人未担任管理角色',
  CONSOLE_BOOTSTRAP_CLOSED: '已有安全管理员，请由安全管理员在管理控制台授予角色',
} as const;

export type ErrorCode = keyof typeof errorMessages;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorMessages, value);
}

/** Fills `{name}` placeholders of any catalogue text (error messages and UI labels alike). */
export function fillTemplate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in params ? String(params[name]) : placeholder));
}

export function formatMessage(code: ErrorCode, params: Record<string, string | number> = {}): string {
  return fillTemplate(errorMessages[code], params);
}
