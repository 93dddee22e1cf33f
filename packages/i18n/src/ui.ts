/**
 * User-facing labels of the web UIs (portal, edu-portal pages rendered by the
 * server). Chinese first; the wording of the manual (../shared/seed) is kept
 * exactly where the manual names a control.
 *
 * `{name}` placeholders are filled by the UI (same syntax as `formatMessage`).
 */

import { consoleUi } from './console-ui.ts';

/** The graphic-captcha and SMS-code fields, worded alike wherever a form asks for both. */
const codeFields = {
  captchaLabel: '图形验证码',
  captchaPlaceholder: '请输入图形验证码',
  captchaRequired: '请输入图形验证码',
  smsCodeLabel: '短信验证码',
  smsCodePlaceholder: '请输入6位短信验证码',
  smsCodeRequired: '请输入6位短信验证码',
} as const;

/** The companion app's name unless UIA_APP_NAME says otherwise; the web app's home-screen name too. */
const DEFAULT_APP_NAME = '统一认证';

export const ui = {
  /** The operator console (apps/console). */
  console: consoleUi,

  demoBanner: '演示环境：本页面为统一身份认证平台的演示部署，请勿输入真实个人信息。',
  demoAccount: '演示账号：{username}（手机号 {phone} / 身份证号 {idNumber}），密码 {password}',
  /** The console's seeded administrators (三员分立), one per role. */
  demoAdministrators: '管理控制台 {path} 演示管理员：{list}，密码均为 {password}',
  demoAdministrator: '{roleName} {username}（手机号 {phone}）',

  /** 关怀模式 (适老化): the header's switch, on every page of the portal and the app. */
  care: {
    switchLabel: '关怀模式',
    switchOnTitle: '开启关怀模式：更大的字和按钮、更高的对比度、更简洁的页面',
    switchOffTitle: '关闭关怀模式，恢复标准模式',
  },

  /** Frame shared by every portal page. */
  site: {
    defaultPlatformName: '统一身份认证平台（演示）',
    homeLink: '返回首页',
    footerTerms: '用户服务协议',
    footerPrivacy: '隐私政策',
    footerNote: '本平台为各政务服务系统提供统一的账号、实名认证与单点登录服务',
    pageTitleSeparator: ' - ',
    notFoundTitle: '页面不存在',
    notFoundText: '您访问的页面不存在或已被移除。',
    notFoundHint: '请检查网址是否输入正确，或从首页重新进入。',
    /** The server's page for a browser when a page cannot be served (5xx). */
    errorTitle: '页面暂时无法显示',
    errorHint: '请稍后刷新页面重试；如问题持续，请联系平台客服。',
    networkError: '网络连接失败，请检查网络后重试',
    serverError: '系统繁忙，请稍后再试',
    /** RATE_LIMITED with a long wait: minutes (from 2 minutes) and hours (from 2 hours) read better than thousands of seconds. */
    rateLimitedMinutes: '操作过于频繁，请{minutes}分钟后再试',
    rateLimitedHours: '操作过于频繁，请{hours}小时后再试',
  },

  /**
   * An L1 account (no 实名核验 at registration: the platform has no identity
   * registry) and how its owner raises the level; the app's face check only
   * when the platform has a face verifier.
   */
  realName: {
    unverified: '未实名',
    howToRaiseWithApp: '如需提升认证等级，请登录手机App完成实人认证（人脸识别），或携带有效证件到政务服务大厅核验。',
    howToRaiseAtHall: '如需提升认证等级，请携带有效证件到政务服务大厅核验。',
    registerNote: '本平台暂未开通在线实名核验：注册后账号为“未实名”（L1），部分业务系统可能要求实名认证。',
  },

  /**
   * What the portal's and the app's index.html show before the bundle runs
   * (packages/web/src/shell): 加载中, the text for a browser without
   * JavaScript, and 浏览器版本过低 where the bundle cannot run (the
   * versions are the bundle's build target: Vite's default).
   */
  browserShell: {
    loading: '正在加载，请稍候…',
    noscriptTitle: '请启用 JavaScript',
    noscriptText: '本平台的页面需要浏览器的 JavaScript 功能。请在浏览器设置中启用 JavaScript 后刷新本页面。',
    oldBrowserTitle: '浏览器版本过低',
    oldBrowserText: '您当前使用的浏览器版本过低，无法正常使用本平台。请升级浏览器或更换为以下浏览器后重新打开本页面。',
    supportedBrowsers: '支持的浏览器：Chrome、Edge 111 及以上版本，Firefox 114 及以上版本，Safari 16.4 及以上版本（含 iPhone、iPad）。',
    chineseBrowsers: '360安全浏览器、360极速浏览器、QQ浏览器、搜狗浏览器等国产浏览器请更新到最新版本，并切换到“极速模式”（Chromium 内核）使用。',
  },

  /** The page the idp shows instead of a login that this deployment can never complete (e.g. acr_values=L3 without a face verifier). */
  interactionRefused: {
    title: '无法完成登录',
  },

  /** Left-hand introduction next to the login card. */
  intro: {
    heading: '一个账号，通办政务服务',
    text: '使用统一身份认证账号，即可登录本市已接入的各类政务服务系统，无需重复注册。',
    points: ['实名认证，安全可信', '单点登录，一号通行', '加密存储，保护隐私'],
  },

  /** PC login page (manual: 个人登录 → 账号登录). */
  login: {
    pageTitle: '登录',
    tabsLabel: '登录身份',
    tabPersonal: '个人登录',
    tabEntity: '法人登录',
    modesLabel: '登录方式',
    modeQr: '扫码登录',
    modeAccount: '账号登录',
    recommended: '推荐',
    loggingInto: '正在登录：{client}',
    loading: '正在加载…',
    identifierLabel: '用户名/手机号/身份证号',
    identifierPlaceholder: '用户名/手机号/身份证号',
    identifierRequired: '请输入用户名/手机号/身份证号',
    identifierKind: {
      username: '按用户名登录',
      phone: '按手机号登录',
      idNumber: '按身份证号登录',
    },
    passwordLabel: '密码',
    passwordPlaceholder: '密码',
    passwordRequired: '请输入密码',
    forgotPassword: '忘记密码?',
    // LOGIN_THROTTLED / PASSWORD_LOGIN_PAUSED: 不想等待？可以改用[扫码登录]，或通过[忘记密码]重设密码后登录。
    throttledHint: '不想等待？可以改用',
    throttledHintOr: '，或通过',
    throttledHintReset: '忘记密码',
    throttledHintEnd: '重设密码后登录。',
    captchaLabel: '图形验证码',
    captchaPlaceholder: '请输入图形验证码',
    captchaRequired: '请输入图形验证码',
    register: '立即注册',
    noAccount: '还没有账号？',
    submit: '登录',
    submitting: '正在登录…',
    /** 短信验证: the relying party requires two factors; the code went to the bound phone after the right password. */
    secondFactor: {
      title: '短信验证',
      intro: '此服务要求两种方式验证身份。验证码已发送至 {phone}，{minutes}分钟内有效。',
      ...codeFields,
      submit: '验证并登录',
      submitting: '正在验证…',
    },
    expiredBack: '返回上一页',
    /** 法人登录 (docs/api.md § 法人登录): a person logs in for an entity with their own account. */
    entityLabel: '统一社会信用代码/单位账号',
    entityPlaceholder: '统一社会信用代码/单位账号',
    entityRequired: '请输入统一社会信用代码或单位账号',
    entityHint: '法定代表人或经办人使用本人账号登录；经办人需由法定代表人在用户中心授权',
    entityQrHint: '请使用「{app}」扫码，并在手机上选择要代表登录的单位',
    entityQrScannedHint: '请在手机上选择要代表登录的单位，并点击“确认登录”',
  },

  /** PC 扫码登录 (manual 一.3): the QR code, its status pushed by the server, refresh. */
  qrLogin: {
    imageAlt: '扫码登录二维码，请使用「{app}」扫描',
    loading: '正在生成二维码…',
    statusPending: '请使用「{app}」扫码',
    statusScanned: '扫描成功，请在手机上确认',
    statusConfirmed: '登录成功',
    statusCancelled: '已取消',
    statusExpired: '二维码已失效，点击刷新',
    overlayExpired: '二维码已失效，点击刷新',
    overlayCancelled: '已取消，点击刷新',
    overlayFailed: '二维码加载失败，点击重试',
    scannedHint: '请在手机上点击“确认登录”',
    /** Before the scanner's masked name (张*), so a stranger's scan is noticed. */
    scannedBy: '扫码人：',
    redirecting: '正在跳转，请稍候…',
    hint: '打开「{app}」，点击首页“扫一扫”',
    requiresQr: '该服务要求实人认证，请使用手机App扫码登录',
    /** Under the QR while it can be scanned; read to screen readers each minute, at 30 and at 10 seconds. */
    timeLeft: '二维码还有{time}失效',
  },

  /**
   * The companion app by name, and how to get it (如何获取App): the web app at
   * /app/ added to the home screen, a native app's store pages where the city
   * has one; on a phone, 在手机App中打开 instead of a QR the phone cannot scan.
   */
  companionApp: {
    defaultName: DEFAULT_APP_NAME,
    helpOpen: '如何获取「{app}」？',
    helpTitle: '如何获取「{app}」',
    close: '关闭',
    storeTitle: '下载手机App',
    iosStore: 'iPhone：前往 App Store 下载',
    androidStore: '安卓手机：前往应用商店下载',
    webTitle: '使用网页版（无需下载）',
    webQrAlt: '「{app}」网页版的二维码，用手机相机扫描即可打开',
    webText: '用手机相机扫描二维码，或在手机浏览器中打开：',
    homeScreenTitle: '添加到主屏幕，以后一点就能打开',
    iosTitle: 'iPhone（Safari 浏览器）',
    iosSteps: ['在 Safari 中打开上面的网址', '点击底部的“分享”按钮', '选择“添加到主屏幕”，再点击“添加”'],
    androidTitle: '安卓手机（手机浏览器）',
    androidSteps: ['在手机浏览器中打开上面的网址', '点击浏览器的菜单按钮（⋮ 或 ≡）', '选择“添加到主屏幕”或“安装应用”'],
    afterInstall: '之后点击主屏幕上的「{app}」图标，按提示完成实名登录，再点击首页“扫一扫”扫描电脑上的二维码。',
    /** On a phone: the QR's own confirm page, in a new tab, so this page stays to finish the login. */
    openInApp: '在手机App中打开',
    opensNewPage: '（在新页面中打开）',
    phonePending: '请在「{app}」中确认登录',
    phoneHint: '点击“在手机App中打开”，确认登录后回到本页面，即可完成登录',
  },

  /**
   * 授权确认: the page a relying party asks for with `prompt=consent` (docs/api.md § 授权确认).
   * `scopes` names what each OIDC scope gives the service.
   */
  consent: {
    pageTitle: '授权确认',
    heading: '授权确认',
    intro: '{client} 申请获取您的以下信息：',
    scopes: {
      openid: '基本身份标识（用户标识、认证等级与登录方式）',
      profile: '姓名',
      phone: '手机号',
      id_card: '证件信息（证件类型、证件号码）',
      entity: '单位信息（所代表的单位及经办人）',
      offline_access: '离线访问/保持登录（即使您已退出登录，该服务在授权有效期内仍可获取上述信息）',
    } as Record<string, string>,
    note: '同意后，本次授权将为该服务保留；该服务再次请求授权确认时仍会询问您。',
    approve: '同意',
    approving: '正在提交…',
    deny: '取消',
    denying: '正在取消…',
    loading: '正在加载授权信息…',
  },

  /** Graphic captcha image (click to refresh). */
  captcha: {
    alt: '图形验证码',
    refreshTitle: '看不清？点击刷新',
    loading: '加载中',
    loadFailed: '加载失败，点击重试',
    loadFailedMessage: '图形验证码加载失败，请点击图片重试',
    /** 听语音验证码: the non-visual alternative (digits spoken in Mandarin). */
    listen: '听语音验证码',
    listenTitle: '看不清？听语音验证码（普通话数字）',
    replay: '重新播放',
    replayLabel: '重新播放语音验证码',
    backToImage: '换回图形验证码',
    audioLoading: '正在获取语音验证码…',
    audioPlaying: '正在播放语音验证码，请在验证码输入框中输入听到的全部数字',
    audioReady: '已更换语音验证码，请点击重新播放收听',
    audioFailed: '语音验证码播放失败，请重试或使用图形验证码',
  },

  /** A countdown's time left in words (timeInWords): 4分30秒, 3分钟, 58秒. */
  timeLeft: {
    seconds: '{seconds}秒',
    minutes: '{minutes}分钟',
    minutesSeconds: '{minutes}分{seconds}秒',
  },

  /** 获取验证码 button with its countdown (立即注册, 忘记密码). */
  smsCode: {
    send: '获取验证码',
    sending: '发送中…',
    countdown: '{time}后可重新获取',
    /** Said to screen readers when the wait starts and when it ends, not every second. */
    spokenWait: '{time}后可重新获取验证码',
    spokenReady: '现在可以重新获取验证码',
    sent: '验证码已发送至 {phone}，{minutes}分钟内有效',
  },

  /** The password policy, as registration and 设置新密码 show it. */
  passwordPolicy: {
    hint: '8-64位，包含大写字母、小写字母、数字、特殊符号中的至少3种，不能包含用户名、手机号或出生日期，不能是常见密码',
  },

  /** 立即注册 (personal registration). */
  register: {
    pageTitle: '立即注册',
    heading: '个人用户注册',
    subheading: '请如实填写以下信息，姓名与证件号码将用于实名核验。',
    haveAccount: '已有账号？',
    backToLogin: '返回登录',
    nameLabel: '姓名',
    namePlaceholder: '请输入与证件一致的姓名',
    idTypeLabel: '证件类型',
    idNumberLabel: '证件号码',
    idNumberPlaceholder: '请输入证件号码',
    phoneLabel: '手机号码',
    phonePlaceholder: '请输入11位手机号码',
    ...codeFields,
    usernameLabel: '用户名',
    usernamePlaceholder: '请设置用户名',
    usernameHint: '字母开头，6-20位字母、数字或下划线，不能是手机号或证件号',
    passwordLabel: '密码',
    passwordPlaceholder: '请设置登录密码',
    confirmPasswordLabel: '确认密码',
    confirmPasswordPlaceholder: '请再次输入密码',
    agreePrefix: '我已阅读并同意',
    agreeTerms: '《用户服务协议》',
    agreeAnd: '和',
    agreePrivacy: '《隐私政策》',
    submit: '注册',
    submitting: '正在注册…',
    successTitle: '注册成功',
    successUsername: '您的用户名：{username}',
    successHint: '请使用用户名、手机号或身份证号和您设置的密码登录。',
    successLevel: '您的账号认证等级为：{level}（L1）。',
    goLogin: '去登录',
  },

  /** 忘记密码 wizard (manual 二.3): 填写账户名 → 验证身份 → 设置新密码 → 完成. */
  forgot: {
    pageTitle: '忘记密码',
    heading: '重置密码',
    rememberPassword: '想起密码了？',
    backToLogin: '返回登录',
    stepsLabel: '重置密码步骤',
    steps: ['填写账户名', '验证身份', '设置新密码', '完成'],
    stepDone: '（已完成）',
    stepStatus: '第{number}步，共{total}步：{name}',
    next: '下一步',
    submitting: '正在提交…',
    restart: '重新开始',

    // 1 填写账户名
    accountLabel: '账户名',
    accountPlaceholder: '用户名/手机号/证件号',
    accountRequired: '请输入用户名/手机号/证件号',
    captchaLabel: '安全验证',
    captchaPlaceholder: '请输入图形验证码',
    captchaRequired: '请输入图形验证码',

    // 2 验证身份
    accountShown: '账户名：{account}',
    byPhoneTitle: '通过绑定手机号找回',
    byPhoneBefore: '向该账号绑定的手机号 ',
    byPhoneAfter: ' 发送短信验证码',
    phoneNotYours: '如这不是您的手机号，请核对账户名是否正确',
    byBoundPhone: '向该账号绑定的手机号发送短信验证码',
    phoneShownAfterIdNumber: '为保护您的个人信息，证件号码核对无误后，页面将显示接收验证码的手机号（部分隐藏）',
    phoneStopped: '如该手机号已停用，请查看下方说明',
    goRecover: '前往找回',
    changeAccount: '更换账户名',
    idNumberLabel: '证件号码',
    idNumberPlaceholder: '请输入该账号实名登记的证件号码',
    idNumberRequired: '请输入证件号码',
    smsCaptchaLabel: '图形验证码',
    smsCodeLabel: '短信验证码',
    smsCodePlaceholder: '请输入6位短信验证码',
    smsCodeRequired: '请输入6位短信验证码',
    lostPhoneTitle: '手机号已停用或丢失？',
    lostPhoneText:
      '无法接收短信验证码时，可在手机App中通过人脸识别登录，在“我的 → 设置 → 换绑手机号”中选择“原手机号已停用”换绑新手机号，再回到这里找回密码；也可携带本人有效身份证件到就近政务服务大厅办理密码重置。',
    lostPhoneHint: '手机号仍能接收短信、只是需要更换的，可以先完成找回并登录，再更换绑定的手机号。',
    noPhoneTitle: '该账号未绑定手机号',
    noPhoneText: '该账号无法通过短信验证码在线找回密码。',
    serviceHall: '可在手机App中通过人脸识别登录并绑定手机号后再找回密码，或携带本人有效身份证件到就近政务服务大厅办理密码重置。',

    // 3 设置新密码
    passwordLabel: '新密码',
    passwordPlaceholder: '请设置新的登录密码',
    passwordReuseHint: '不能与最近3次使用过的密码相同',
    confirmPasswordLabel: '确认新密码',
    confirmPasswordPlaceholder: '请再次输入新密码',
    passwordRequired: '请设置新的登录密码',
    confirmPasswordRequired: '请再次输入新密码',

    // 4 完成
    successTitle: '密码重置成功',
    successText: '您在本平台所有设备上的登录均已失效，已接入的业务系统也已收到退出通知。请使用新密码重新登录。',

    flowErrorTitle: '无法继续找回密码',
    /** RATE_LIMITED on the budget of the account name as typed: the account's other names have their own. */
    rateLimitedByName: '{message}；您也可以改用该账号的{others}作为账户名找回密码',
    accountNameKinds: { username: '用户名', phone: '手机号', id_number: '证件号' },
    accountNameKindsJoin: '或',
  },

  /** 用户中心 (/account): the person's own data, 我的单位, 注册单位, 管理经办人 (docs/api.md § User center). */
  account: {
    pageTitle: '用户中心',
    heading: '用户中心',
    welcome: '欢迎，{name}',
    loading: '正在加载…',
    retry: '重新加载',
    logout: '退出登录',
    loggingOut: '正在退出…',

    profileTitle: '个人信息',
    nameLabel: '姓名',
    idNumberLabel: '证件号码',
    phoneLabel: '手机号',
    phoneUnbound: '未绑定',
    levelLabel: '认证等级',
    levels: { L1: '未实名', L2: '实名用户', L3: '实人认证', L4: '现场核验' } as Record<string, string>,

    entitiesTitle: '我的单位',
    entitiesIntro: '您可以代表以下单位办理业务（在登录页选择“法人登录”）。',
    entitiesEmpty: '您暂无可代表的单位。法定代表人可在下方注册本单位；经办人需由单位的法定代表人授权。',
    usccLabel: '统一社会信用代码',
    accountNameLabel: '单位账号',
    accountNameNone: '未设置',
    roles: { legal_representative: '法定代表人', agent: '经办人' } as Record<string, string>,
    scopeLabel: '授权范围',
    scopeAll: '全部业务',
    scopeSome: '指定业务系统',
    expiresLabel: '有效期至',
    manageAgents: '管理经办人',

    registerTitle: '注册单位',
    registerIntro: '单位的法定代表人可在此注册本单位，信息将与企业登记信息核验；注册后即可使用法人登录，并授权经办人。',
    usccPlaceholder: '请输入18位统一社会信用代码',
    usccRequired: '请输入统一社会信用代码',
    entityNameLabel: '单位名称',
    entityNamePlaceholder: '请输入单位名称',
    entityNameHint: '需与营业执照一致',
    entityNameRequired: '请输入单位名称',
    accountNamePlaceholder: '选填，法人登录时可代替统一社会信用代码',
    accountNameHint: '选填。字母开头，6-20位字母、数字或下划线',
    registerSubmit: '注册单位',
    registering: '正在注册…',
    registered: '已注册单位：{name}',

    agentsTitle: '{entity} · 经办人',
    agentsCap: '最多 {maxAgents} 名经办人，当前有效 {count} 名',
    agentsEmpty: '暂无经办人。',
    agentColumns: { name: '姓名', idNumber: '证件号码', scope: '授权范围', expires: '有效期至', status: '状态', actions: '操作' },
    statusActive: '有效',
    statusExpired: '已过期',
    revoke: '撤销',
    revokeLabel: '撤销{name}的授权',
    revokeConfirm: '确定撤销{name}（{idNumber}）的经办授权吗？撤销后立即生效。',
    revoked: '已撤销{name}的授权',

    grantTitle: '授权经办人',
    grantReplaces: '已授权的经办人再次授权将替换原授权。',
    agentNameLabel: '经办人姓名',
    agentNamePlaceholder: '请输入经办人的姓名（与证件一致）',
    agentNameRequired: '请输入经办人姓名',
    agentLabel: '经办人证件号码或手机号',
    agentPlaceholder: '请输入经办人的证件号码或手机号',
    agentHint: '经办人须已在本平台注册并完成实名认证',
    scopeAllHint: '包括今后接入的业务系统',
    expiresOnLabel: '授权有效期至',
    expiresOnHint: '授权至该日24时（北京时间）止，最长{maxYears}年',
    expiresOnRequired: '请选择授权有效期',
    grantSubmit: '授权',
    granting: '正在授权…',
    granted: '已授权{name}为经办人',

    /** 登录设备与会话 (docs/api.md § 登录设备与会话). */
    sessionsTitle: '登录设备与会话',
    sessionsIntro: '以下是您的账号当前登录的电脑浏览器和手机应用。如发现不认识的设备，请立即退出该设备并修改密码。',
    browsersTitle: '电脑浏览器',
    appsTitle: '手机应用',
    appsEmpty: '手机应用未登录。',
    thisBrowser: '当前设备',
    entityLoginTag: '法人登录',
    unknownBrowser: '未知浏览器',
    placeLabel: '登录地点',
    placeUnknown: '未知',
    loginAtLabel: '登录时间',
    lastUsedLabel: '最近使用',
    servicesLabel: '已登录的业务系统',
    servicesNone: '无',
    appValidUntil: '有效期至',
    endOne: '退出',
    endOneLabel: '退出{device}',
    endOneConfirm: '确定退出“{device}”吗？该设备需要重新登录，已登录的业务系统将收到退出通知。',
    endedOne: '已退出“{device}”',
    endOthers: '全部退出',
    endOthersHint: '退出除当前设备外的所有电脑浏览器和手机应用',
    endOthersConfirm: '确定退出除当前设备外的所有设备吗？这些设备需要重新登录。',
    endedOthers: '已退出 {browsers} 个电脑浏览器、{apps} 个手机应用',
    ending: '正在退出…',
  },

  /**
   * The companion app (apps/app, served at /app/): 登录 with a face check or an
   * SMS code, 扫一扫, 确认登录, 我的 → 设置 → 换绑手机号 (manual 一.2, 一.3, 三.1).
   */
  app: {
    /** Home-screen name of the PWA (the manifest); the platform name from /api/site replaces it where known. */
    manifestName: '统一身份认证平台（演示）',
    manifestShortName: DEFAULT_APP_NAME,
    manifestDescription: '统一身份认证平台的手机端：实名登录、扫码登录电脑端业务系统。',
    demoBanner: '演示环境：人脸识别与实名核验均为模拟服务（演示），请勿使用真实个人信息',
    demoBadge: '演示',
    /** The landmark around the 演示 strip and the offline notice. */
    noticesLabel: '提示',
    back: '返回',
    loading: '加载中…',
    retry: '重试',
    offline: '网络已断开，部分功能暂不可用',
    notFoundTitle: '页面不存在',
    notFoundText: '您访问的页面不存在或已被移除。',
    homeLink: '返回首页',

    /** Bottom tab bar. */
    tabs: { label: '主导航', home: '首页', me: '我的' },

    /** Assurance levels (the acr claim), as shown to the person. */
    levels: {
      L1: '未实名',
      L2: '实名认证',
      L3: '实人认证',
      L4: '线下核验',
    } as Record<string, string>,
    levelWithCode: '{label}（{level}）',

    /** 首页 */
    home: {
      pageTitle: '首页',
      pleaseLogin: '请登录',
      pleaseLoginHint: '登录后可扫码登录电脑端政务服务',
      loggedInHint: '登录有效期至 {time}',
      profileLink: '查看我的信息',
      scan: '扫一扫',
      scanHint: '扫描电脑上的登录二维码',
      howToTitle: '扫码登录电脑端',
      howToSteps: ['在电脑上打开统一身份认证平台，选择“扫码登录”', '点击本页上方的“扫一扫”，扫描电脑上的二维码', '核对登录信息后，在手机上点击红色按钮“确认登录”'],
    },

    /** 登录 (manual 一.2): 证件类型, 姓名, 证件号码, 登录有效期, 开始人脸识别. */
    login: {
      pageTitle: '登录',
      heading: '实名登录',
      intro: '请填写本人证件信息，通过人脸识别完成登录。',
      /** Shown when the login was started by opening a QR code (确认登录 needs the app logged in). */
      continueQr: '请先登录，登录后将继续确认电脑端的登录请求。',
      idTypeLabel: '证件类型',
      nameLabel: '姓名',
      namePlaceholder: '请输入与证件一致的姓名',
      nameRequired: '请输入姓名',
      idNumberLabel: '证件号码',
      idNumberPlaceholder: '请输入证件号码',
      idNumberRequired: '请输入证件号码',
      validityLabel: '登录有效期',
      validityHint: '到期后需重新登录；在他人设备上请选择较短的有效期',
      validityOption: '{days}天',
      faceConsentBefore: '我已阅读并同意',
      faceConsentLink: '《人脸识别服务授权》',
      faceConsentTitle: '人脸识别服务授权',
      faceConsentText: [
        '为确认是您本人操作，本平台将通过摄像头采集您的面部图像，与您填写的证件信息进行比对，并进行活体检测。',
        '面部图像仅用于本次核验，核验完成后立即删除，不会保存，也不会用于其他用途或提供给第三方。',
        '人脸识别不是唯一的登录方式：您也可以不同意本授权，改用绑定手机号接收短信验证码登录（认证等级较低）。',
      ],
      faceConsentShow: '查看授权内容',
      faceConsentHide: '收起授权内容',
      startFace: '开始人脸识别',
      demoNotice: '演示环境：姓名与证件号码由模拟身份核验服务比对，人脸识别由模拟服务完成，不会进行真实的人脸比对。',
      smsAlternative: '无法进行人脸识别？',
      smsAlternativeLink: '使用短信验证码登录',
    },

    /** The camera step of 开始人脸识别 (login and 换绑手机号). */
    face: {
      title: '人脸识别',
      preparing: '正在打开摄像头…',
      lookAtScreen: '请正对屏幕，保持面部在圆框内',
      blink: '请眨眨眼',
      shakeHead: '请缓慢摇头',
      nod: '请缓慢点头',
      verifying: '正在核验，请稍候…',
      previewLabel: '摄像头预览',
      progress: '第{step}步，共{total}步',
      retry: '重新识别',
      backToForm: '返回修改信息',
      cancel: '取消',
      failedTitle: '人脸识别未通过',
      cameraDenied: '无法使用摄像头：您已拒绝摄像头权限。请在浏览器设置中允许本网站使用摄像头，或改用短信验证码登录。',
      cameraUnavailable: '无法使用摄像头：未找到可用的摄像头或摄像头正被其他应用占用。您可以改用短信验证码登录。',
      cameraInsecure: '无法使用摄像头：请通过 https 地址访问本应用，或改用短信验证码登录。',
      privacyNote: '面部图像仅用于本次核验，核验后立即删除',
      recording: '正在录制',
      videoUnsupported: '此浏览器无法录制核验所需的视频，请更换浏览器（如系统自带浏览器）后重试，或改用短信验证码登录。',
      demoNote: '演示环境：人脸识别由模拟服务完成，只检查画面中的动作，不会进行真实的人脸比对。',
    },

    /** 短信验证码登录: the lower-assurance alternative to the face check. */
    smsLogin: {
      pageTitle: '短信验证码登录',
      heading: '短信验证码登录',
      intro: '验证码将发送至该证件绑定的手机号。',
      assuranceNote: '短信验证码登录的认证等级为实名认证（L2），低于人脸识别登录（实人认证 L3），部分业务系统可能要求人脸识别。',
      assuranceNoteSmsOnly: '本平台暂未开通人脸识别，手机App使用短信验证码登录，认证等级最高为实名认证（L2）。',
      ...codeFields,
      sendFirst: '请先获取短信验证码',
      submit: '登录',
      submitting: '正在登录…',
      faceAlternative: '使用人脸识别登录',
    },

    /** 扫一扫 */
    scan: {
      pageTitle: '扫一扫',
      hint: '将电脑上的二维码放入框内，即可自动扫描',
      starting: '正在打开摄像头…',
      foreign: '该二维码不是本平台的登录二维码，请扫描电脑端统一身份认证页面上的二维码',
      fromAlbum: '从相册选择',
      albumNotFound: '未在图片中识别到二维码，请重新选择',
      cameraDenied: '无法使用摄像头：您已拒绝摄像头权限。请在浏览器设置中允许本网站使用摄像头，或从相册选择二维码图片。',
      cameraUnavailable: '无法使用摄像头：未找到可用的摄像头。您可以从相册选择二维码图片。',
      cameraInsecure: '无法使用摄像头：请通过 https 地址访问本应用，或从相册选择二维码图片。',
      viewfinderLabel: '扫码取景框',
    },

    /** 确认登录 (manual 一.3). */
    confirm: {
      pageTitle: '确认登录',
      requestBy: '{client} 请求登录',
      defaultClient: '统一身份认证平台',
      serviceLabel: '登录服务',
      browserLabel: '浏览器',
      osLabel: '操作系统',
      ipLabel: 'IP 地址',
      placeLabel: '大致位置',
      timeLabel: '请求时间',
      unknown: '未知',
      warning: '请确认是您本人正在电脑上登录。如果不是您本人操作，请点击“取消”，切勿确认。',
      expiresIn: '二维码将在 {seconds} 秒后失效',
      confirm: '确认登录',
      confirming: '正在确认…',
      cancel: '取消',
      cancelling: '正在取消…',
      loading: '正在获取登录信息…',
      confirmedTitle: '已确认登录',
      // The page that showed the QR finishes the login: a PC's, or this phone's own (在手机App中打开).
      confirmedText: '请回到显示二维码的登录页面继续操作。',
      cancelledTitle: '已取消登录',
      cancelledText: '电脑上的本次登录已被取消。',
      failedTitle: '无法确认登录',
      expiredTitle: '二维码已失效',
      scanAgain: '重新扫码',
      /** 法人登录 by QR (docs/api.md § 法人登录): the person confirms for an entity of their choice. */
      loginTypeLabel: '登录类型',
      entityLoginType: '法人登录',
      entityTitle: '选择登录单位',
      entityHint: '请选择您本次代表登录的单位',
      entityUsccLabel: '统一社会信用代码：',
      entityRoles: { legal_representative: '法定代表人', agent: '经办人' } as Record<string, string>,
      entityNone: '您不是任何单位的法定代表人或有效经办人，无法为该业务系统进行法人登录',
      entityWarning: '请确认是您本人正在电脑上代表所选单位登录。如果不是您本人操作，请点击“取消”，切勿确认。',
    },

    /** 我的 (manual 三.1: 右下角“我的”, 右上角图标). */
    me: {
      pageTitle: '我的',
      settings: '设置',
      nameLabel: '姓名',
      idNumberLabel: '证件号码',
      phoneLabel: '手机号',
      phoneNone: '未绑定',
      levelLabel: '认证等级',
      sessionsTitle: '已登录的设备',
      sessionsHint: '每个设备的登录在有效期结束时自动失效',
      currentDevice: '本机',
      unknownDevice: '未知设备',
      loginMethod: '登录方式：{method}',
      methods: { face: '人脸识别', sms: '短信验证码' } as Record<string, string>,
      createdAt: '登录时间：{time}',
      expiresAt: '有效期至：{time}',
      remainingDays: '（剩余{days}天）',
      remainingHours: '（剩余{hours}小时）',
      remainingMinutes: '（剩余{minutes}分钟）',
      revoke: '下线',
      revokeLabel: '让{device}下线',
      revoking: '正在下线…',
      logout: '退出登录',
      loggingOut: '正在退出…',
    },

    /** 设置 */
    settings: {
      pageTitle: '设置',
      changePhone: '换绑手机号',
      accountSection: '账号与安全',
    },

    /** 换绑手机号 (DESIGN §2.6): prove the person, then SMS-verify the new phone. */
    phone: {
      pageTitle: '换绑手机号',
      stepsLabel: '换绑手机号步骤',
      steps: ['验证身份', '绑定新手机号', '完成'],
      stepStatus: '第{number}步，共{total}步：{name}',
      currentPhone: '当前绑定手机号：{phone}',
      noPhone: '当前未绑定手机号',
      chooseTitle: '请选择验证方式',
      byOldPhone: '原手机号接收验证码',
      byOldPhoneHint: '向 {phone} 发送短信验证码',
      byFace: '原手机号已停用（人脸识别）',
      byFaceHint: '通过人脸识别确认本人身份',
      smsCodeLabel: '短信验证码',
      smsCodePlaceholder: '请输入6位短信验证码',
      smsCodeRequired: '请输入6位短信验证码',
      sendFirst: '请先获取短信验证码',
      next: '下一步',
      submitting: '正在提交…',
      otherMethod: '更换验证方式',
      newPhoneLabel: '新手机号',
      newPhonePlaceholder: '请输入新的11位手机号码',
      newPhoneRequired: '请输入新的11位手机号码',
      captchaLabel: '图形验证码',
      captchaPlaceholder: '请输入图形验证码',
      captchaRequired: '请输入图形验证码',
      submit: '确认换绑',
      doneTitle: '换绑成功',
      doneText: '您的手机号已更换为 {phone}，原手机号已解除绑定。',
      doneBack: '返回我的',
      restart: '重新开始',
      flowErrorTitle: '无法继续换绑',
    },
  },

  /** 《用户服务协议》 */
  terms: {
    pageTitle: '用户服务协议',
    heading: '用户服务协议',
    intro: '欢迎使用统一身份认证平台（以下简称“本平台”）。本协议是您与本平台运营方之间关于注册、使用本平台账号的约定。请您在注册前仔细阅读；勾选同意即表示您已理解并接受本协议的全部内容。',
    sections: [
      {
        heading: '一、服务内容',
        paragraphs: ['本平台为已接入的政务服务系统提供统一的账号注册、实名认证和单点登录服务。您使用一个账号登录后，即可访问已接入的各政务服务系统，无需重复注册。'],
      },
      {
        heading: '二、账号注册与实名认证',
        paragraphs: [
          '您应使用本人真实、有效的姓名、证件号码和手机号码注册。本平台将通过身份核验服务核对姓名与证件号码是否一致，核验通过后账号成为实名账号。',
          '一个证件号码只能注册一个个人账号；一个手机号码只能绑定一个账号。',
        ],
      },
      {
        heading: '三、账号安全',
        paragraphs: [
          '您应妥善保管用户名、密码和手机验证码，不得将账号转让、出借或提供给他人使用。',
          '为保护您的账号，连续输错密码5次后账号将被临时锁定30分钟。如发现账号被他人使用，请立即通过“忘记密码”重置密码并联系平台客服。',
        ],
      },
      {
        heading: '四、使用规范',
        paragraphs: ['您不得冒用他人身份注册或登录，不得使用自动化程序批量注册、登录或获取验证码，不得以任何方式干扰本平台的正常运行。违反上述规定的，本平台有权限制或停用相关账号。'],
      },
      {
        heading: '五、单点登录与信息提供',
        paragraphs: ['当您通过本平台登录某一政务服务系统时，本平台仅向该系统提供办理业务所必需的身份信息（如姓名、证件号码、认证等级），并在登录页面显示正在登录的系统名称。'],
      },
      {
        heading: '六、服务变更与中止',
        paragraphs: ['本平台可能因系统维护、升级而暂停部分服务，将尽可能提前公告。因不可抗力导致服务中断的，本平台将尽快恢复。'],
      },
      {
        heading: '七、账号注销',
        paragraphs: ['您可以申请注销账号。注销后，本平台将按照《隐私政策》删除或匿名化处理您的个人信息，法律法规另有规定的除外。'],
      },
      {
        heading: '八、协议的修改',
        paragraphs: ['本协议修改后将在本页面公布，重大变更将在您下次登录时提示。您继续使用本平台即视为接受修改后的协议。'],
      },
      {
        heading: '九、联系我们',
        paragraphs: ['如对本协议有任何疑问，请通过平台客服与我们联系（客服电话与邮箱由平台运营方在部署时公布，演示环境为 support@example.org）。'],
      },
    ],
  },

  /** 《隐私政策》 */
  privacy: {
    pageTitle: '隐私政策',
    heading: '隐私政策',
    intro: '本平台高度重视您的个人信息保护。本政策说明我们收集哪些个人信息、为什么收集、如何保护以及您享有的权利。',
    sections: [
      {
        heading: '一、我们收集的信息',
        paragraphs: [
          '注册时：姓名、证件类型及证件号码、手机号码，以及您自行设置的用户名和密码。',
          '使用时：登录时间、IP地址、浏览器类型等安全日志信息，用于保障账号安全。',
          '我们不会收集与上述目的无关的个人信息。',
        ],
      },
      {
        heading: '二、收集和使用的目的',
        paragraphs: [
          '实名认证：核对姓名与证件号码是否一致，确认账号由本人注册。',
          '单点登录：在您登录已接入的政务服务系统时，向该系统证明您的身份。',
          '账号安全：发送短信验证码、识别异常登录、帮助您找回密码。',
          '我们不会将您的个人信息用于商业营销，也不会出售给任何第三方。',
        ],
      },
      {
        heading: '三、我们如何保护您的信息',
        paragraphs: [
          '加密存储：姓名、证件号码、手机号码均加密存储；密码经不可逆算法处理，任何人（包括平台工作人员）都无法查看原始密码。',
          '脱敏展示：页面中的个人信息以部分隐藏的形式显示，例如 138****5678。',
          '不写入日志：证件号码、手机号码、密码和验证码不以明文写入系统日志。',
          '传输全程加密，工作人员按最小权限访问，所有访问均留有审计记录。',
        ],
      },
      {
        heading: '四、信息的提供',
        paragraphs: ['仅在您登录某一政务服务系统时，向该系统提供办理业务所必需的信息。除法律法规另有规定外，我们不会向其他任何机构或个人提供您的个人信息。'],
      },
      {
        heading: '五、保存期限',
        paragraphs: ['账号存续期间，我们保存您的注册信息。账号注销后，我们将在法律法规要求的保存期限届满后删除或匿名化处理您的个人信息。安全日志按法律要求保存不少于六个月。'],
      },
      {
        heading: '六、您的权利',
        paragraphs: [
          '查询：您可以登录后查看本平台保存的您的个人信息。',
          '更正：信息有误时，您可以申请更正；手机号码可自行换绑。',
          '注销：您可以申请注销账号，注销后个人信息按前款规定处理。',
          '您也可以撤回对本政策的同意，撤回后将无法继续使用需要实名认证的服务。',
        ],
      },
      {
        heading: '七、未成年人保护',
        paragraphs: ['未满十四周岁的未成年人办理业务时，应由其监护人使用本人账号办理，或在监护人同意和指导下使用本平台。'],
      },
      {
        heading: '八、联系我们',
        paragraphs: ['如对本政策或您的个人信息有任何疑问、意见或投诉，请通过平台客服与我们联系（客服电话与邮箱由平台运营方在部署时公布，演示环境为 privacy@example.org）。我们将在15个工作日内答复。'],
      },
    ],
  },
} as const;
