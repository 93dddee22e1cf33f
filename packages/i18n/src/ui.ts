/**
 * User-facing labels of the web UIs (portal, edu-portal pages rendered by the
 * server). Chinese first; the wording of the manual (../shared/seed) is kept
 * exactly where the manual names a control.
 *
 * `{name}` placeholders are filled by the UI (same syntax as `formatMessage`).
 */
export const ui = {
  demoBanner: '演示环境：本页面为统一身份认证平台的演示部署，请勿输入真实个人信息。',
  demoAccount: '演示账号：{username}（手机号 {phone} / 身份证号 {idNumber}），密码 {password}',

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
    networkError: '网络连接失败，请检查网络后重试',
    serverError: '系统繁忙，请稍后再试',
    /** RATE_LIMITED with a long wait: minutes (from 2 minutes) and hours (from 2 hours) read better than thousands of seconds. */
    rateLimitedMinutes: '操作过于频繁，请{minutes}分钟后再试',
    rateLimitedHours: '操作过于频繁，请{hours}小时后再试',
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
    qrUnavailable: '扫码登录功能将在后续版本开放，请使用账号登录',
    entityUnavailable: '法人登录将在后续版本开放',
    entityUnavailableHint: '目前请使用个人账号登录。',
    switchToAccount: '使用账号登录',
    switchToPersonalAccount: '切换到个人账号登录',
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
    lockedHint: '不想等待？可以重置密码后再登录：',
    captchaLabel: '图形验证码',
    captchaPlaceholder: '请输入图形验证码',
    captchaRequired: '请输入图形验证码',
    register: '立即注册',
    noAccount: '还没有账号？',
    submit: '登录',
    submitting: '正在登录…',
    expiredBack: '返回上一页',
  },

  /** Graphic captcha image (click to refresh). */
  captcha: {
    alt: '图形验证码',
    refreshTitle: '看不清？点击刷新',
    loading: '加载中',
    loadFailed: '加载失败，点击重试',
    loadFailedMessage: '图形验证码加载失败，请点击图片重试',
  },

  /** 获取验证码 button with its countdown (立即注册, 忘记密码). */
  smsCode: {
    send: '获取验证码',
    sending: '发送中…',
    countdown: '{seconds}秒后重新获取',
    sent: '验证码已发送至 {phone}，{minutes}分钟内有效',
  },

  /** The password policy, as registration and 设置新密码 show it. */
  passwordPolicy: {
    hint: '8-20位，包含大写字母、小写字母、数字、特殊符号中的至少3种，不能包含用户名、手机号或出生日期',
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
    captchaLabel: '图形验证码',
    captchaPlaceholder: '请输入图形验证码',
    captchaRequired: '请输入图形验证码',
    smsCodeLabel: '短信验证码',
    smsCodePlaceholder: '请输入6位短信验证码',
    smsCodeRequired: '请输入6位短信验证码',
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
    lostPhoneText: '无法接收短信验证码时，请携带本人有效身份证件到就近政务服务大厅办理密码重置。',
    lostPhoneHint: '手机号仍能接收短信、只是需要更换的，可以先完成找回并登录，再更换绑定的手机号。',
    noPhoneTitle: '该账号未绑定手机号',
    noPhoneText: '该账号无法通过短信验证码在线找回密码。',
    serviceHall: '请携带本人有效身份证件到就近政务服务大厅办理密码重置。',

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

  /** 《用户服务协议》 */
  terms: {
    pageTitle: '用户服务协议',
    heading: '用户服务协议',
    intro:
      '欢迎使用统一身份认证平台（以下简称“本平台”）。本协议是您与本平台运营方之间关于注册、使用本平台账号的约定。请您在注册前仔细阅读；勾选同意即表示您已理解并接受本协议的全部内容。',
    sections: [
      {
        heading: '一、服务内容',
        paragraphs: [
          '本平台为已接入的政务服务系统提供统一的账号注册、实名认证和单点登录服务。您使用一个账号登录后，即可访问已接入的各政务服务系统，无需重复注册。',
        ],
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
        paragraphs: [
          '您不得冒用他人身份注册或登录，不得使用自动化程序批量注册、登录或获取验证码，不得以任何方式干扰本平台的正常运行。违反上述规定的，本平台有权限制或停用相关账号。',
        ],
      },
      {
        heading: '五、单点登录与信息提供',
        paragraphs: [
          '当您通过本平台登录某一政务服务系统时，本平台仅向该系统提供办理业务所必需的身份信息（如姓名、证件号码、认证等级），并在登录页面显示正在登录的系统名称。',
        ],
      },
      {
        heading: '六、服务变更与中止',
        paragraphs: [
          '本平台可能因系统维护、升级而暂停部分服务，将尽可能提前公告。因不可抗力导致服务中断的，本平台将尽快恢复。',
        ],
      },
      {
        heading: '七、账号注销',
        paragraphs: [
          '您可以申请注销账号。注销后，本平台将按照《隐私政策》删除或匿名化处理您的个人信息，法律法规另有规定的除外。',
        ],
      },
      {
        heading: '八、协议的修改',
        paragraphs: [
          '本协议修改后将在本页面公布，重大变更将在您下次登录时提示。您继续使用本平台即视为接受修改后的协议。',
        ],
      },
      {
        heading: '九、联系我们',
        paragraphs: [
          '如对本协议有任何疑问，请通过平台客服与我们联系（客服电话与邮箱由平台运营方在部署时公布，演示环境为 support@example.org）。',
        ],
      },
    ],
  },

  /** 《隐私政策》 */
  privacy: {
    pageTitle: '隐私政策',
    heading: '隐私政策',
    intro:
      '本平台高度重视您的个人信息保护。本政策说明我们收集哪些个人信息、为什么收集、如何保护以及您享有的权利。',
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
        paragraphs: [
          '仅在您登录某一政务服务系统时，向该系统提供办理业务所必需的信息。除法律法规另有规定外，我们不会向其他任何机构或个人提供您的个人信息。',
        ],
      },
      {
        heading: '五、保存期限',
        paragraphs: [
          '账号存续期间，我们保存您的注册信息。账号注销后，我们将在法律法规要求的保存期限届满后删除或匿名化处理您的个人信息。安全日志按法律要求保存不少于六个月。',
        ],
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
        paragraphs: [
          '未满十四周岁的未成年人办理业务时，应由其监护人使用本人账号办理，或在监护人同意和指导下使用本平台。',
        ],
      },
      {
        heading: '八、联系我们',
        paragraphs: [
          '如对本政策或您的个人信息有任何疑问、意见或投诉，请通过平台客服与我们联系（客服电话与邮箱由平台运营方在部署时公布，演示环境为 privacy@example.org）。我们将在15个工作日内答复。',
        ],
      },
    ],
  },
} as const;
