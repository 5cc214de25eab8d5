package org.lvyue.demo;

import java.util.List;

/** Name pools: people, accounts, business systems, devices, descriptions. Plain data. */
final class Names {
    private Names() {
    }

    static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
            "林", "何", "郭", "马", "罗"};
    static final String[] SURNAMES_PINYIN = {"wang", "li", "zhang", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu", "xu",
            "sun", "hu", "zhu", "gao", "lin", "he", "guo", "ma", "luo"};
    static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
            "超", "秀英", "霞", "平", "刚", "桂英", "建华", "志强", "海燕", "晓东", "雪梅", "文博", "子涵", "宇航"};
    static final String[] GIVEN_PINYIN = {"wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun", "yang", "yong", "yan",
            "jie", "juan", "tao", "ming", "chao", "xiuying", "xia", "ping", "gang", "guiying", "jianhua", "zhiqiang", "haiyan",
            "xiaodong", "xuemei", "wenbo", "zihan", "yuhang"};

    static String person(Rng r) {
        return r.pick(SURNAMES) + r.pick(GIVEN);
    }

    /** A business system served by the security platform: code (for ids), name, host of its TLS service. */
    record BusinessSystem(String code, String name, String title, String host) {
    }

    static final List<BusinessSystem> SYSTEMS = List.of(
            new BusinessSystem("SIS", "社会保险经办系统", "北京市社会保险经办管理信息系统", "sbjb.rsj.beijing.gov.cn"),
            new BusinessSystem("CARD", "社保卡管理系统", "北京市社会保障卡管理系统", "sbk.rsj.beijing.gov.cn"),
            new BusinessSystem("JOB", "就业服务系统", "北京市公共就业服务信息系统", "jy.rsj.beijing.gov.cn"),
            new BusinessSystem("EXAM", "人事考试系统", "北京市人事考试报名系统", "rsks.rsj.beijing.gov.cn"),
            new BusinessSystem("LSI", "劳动保障监察系统", "北京市劳动保障监察信息系统", "ldjc.rsj.beijing.gov.cn"),
            new BusinessSystem("WEB", "公共服务网站", "北京市人力资源和社会保障局公共服务网站", "www.rsj.beijing.gov.cn"),
            new BusinessSystem("SSO", "统一身份认证平台", "人社统一身份认证平台", "sso.rsj.beijing.gov.cn"),
            new BusinessSystem("DX", "数据交换平台", "人社数据交换共享平台", "dx.rsj.beijing.gov.cn"),
            new BusinessSystem("PERM", "权限管理系统", "人社统一权限管理系统", "qx.rsj.beijing.gov.cn"),
            new BusinessSystem("AUDIT", "安全审计系统", "人社安全审计及操作日志分析系统", "sj.rsj.beijing.gov.cn"));

    /** A security device under maintenance (附件二 6). */
    record Device(String id, String name, String type, String site) {
    }

    static final List<Device> DEVICES = List.of(
            new Device("FW-01", "互联网出口防火墙 1", "防火墙", "通州城市副中心办公区 核心机房"),
            new Device("FW-02", "互联网出口防火墙 2", "防火墙", "通州城市副中心办公区 核心机房"),
            new Device("FW-03", "政务外网边界防火墙", "防火墙", "通州城市副中心办公区 核心机房"),
            new Device("FW-04", "数据中心区防火墙", "防火墙", "北京市大数据中心 机房"),
            new Device("GAP-01", "政务外网与互联网网闸", "网闸", "通州城市副中心办公区 核心机房"),
            new Device("GAP-02", "数据交换区网闸", "网闸", "北京市大数据中心 机房"),
            new Device("IPS-01", "互联网入侵防御系统", "入侵防御", "通州城市副中心办公区 核心机房"),
            new Device("IDS-01", "政务外网入侵检测系统", "入侵检测", "通州城市副中心办公区 核心机房"),
            new Device("WAF-01", "门户网站应用防火墙", "Web 应用防火墙", "北京市大数据中心 机房"),
            new Device("AV-01", "防病毒网关", "防病毒网关", "通州城市副中心办公区 核心机房"),
            new Device("VPN-01", "SSL VPN 网关", "VPN 网关", "通州城市副中心办公区 核心机房"),
            new Device("LOG-01", "日志审计系统", "日志审计", "通州城市副中心办公区 核心机房"));

    /** Support request descriptions and the domain each concerns. */
    static final String[][] SUPPORT = {
            {"用户证书登录失败，提示证书无效", "identity-auth"},
            {"UKey 插入后无法识别证书", "certificates"},
            {"数字证书即将到期，申请更新", "certificates"},
            {"证书丢失，申请吊销并补办", "certificates"},
            {"社保卡二维码扫码登录失败", "identity-auth"},
            {"移动证书扫码后页面无响应", "identity-auth"},
            {"新增经办人员账号，需开通用户", "user-management"},
            {"人员调离，需吊销用户", "user-management"},
            {"权限申请审批后业务系统未生效", "permission-management"},
            {"角色资源变更后菜单显示异常", "permission-management"},
            {"数据加密接口调用超时", "data-encryption"},
            {"签名验签失败，返回验签错误", "data-encryption"},
            {"安全验证接口访问被拒绝", "security-verification"},
            {"审计系统查询不到当日操作日志", "security-audit"},
            {"办公终端无法访问政务外网业务系统", "network-security"},
            {"VPN 拨入后无法访问内网", "network-security"}};

    static final String[] DRILL_SCENARIOS = {"勒索病毒攻击导致业务系统服务中断的应急处置", "统一身份认证平台数据库故障切换演练",
            "门户网站遭受网页篡改攻击的应急处置"};

    /** 附件三 x.x.2 需求分析: what a requirement registered with a system domain says (its system comes first). */
    static final String[] REQUIREMENTS = {"新增业务接口接入，需对安全接口进行升级", "提出按机构统计调用量的查询需求",
            "安全系统国密算法改造升级需求", "移动端业务接入安全服务的需求", "跨委办局数据交换新增安全需求"};

    /** 附件三 x.x.4 系统配置: the adjustments the contract lists for each system domain. */
    static String[] configurations(String domain) {
        return switch (domain) {
            case "identity-auth" -> new String[]{"用户证书与业务系统绑定调整", "对风险操作时间段、IP 地址进行访问控制", "调整安全预警配置"};
            case "data-encryption" -> new String[]{"业务系统加解密、签名验签密钥更新配置", "调整访问加解密服务器的 IP 接口访问控制",
                    "按数据解密统计制定安全配置"};
            case "key-management" -> new String[]{"调整密钥备份路径与备份周期", "调整数据加解密密钥、数据交换密钥的 IP 访问控制"};
            case "security-verification" -> new String[]{"调整业务系统访问权限控制与访问规则", "调整安全验证服务 IP 访问控制"};
            case "security-audit" -> new String[]{"按用户行为分析调整安全配置", "调整敏感行为安全规则配置", "调整安全指标预警值"};
            case "certificates" -> new String[]{"修改数字证书申请审核流程配置"};
            case "user-management" -> new String[]{"修改用户生成、审核流程配置", "调整用户解析接口 IP 访问控制"};
            case "permission-management" -> new String[]{"调整访问权限服务器的 IP 接口访问控制", "按权限验证统计制定安全配置"};
            default -> new String[]{"系统功能调整与参数设置"};
        };
    }

    /** network-security.event descriptions by subject. */
    static String[] events(String subject) {
        return switch (subject) {
            case "incident" -> new String[]{"公共服务网站遭受 DDoS 攻击，访问缓慢", "办公终端感染挖矿木马，对外异常连接",
                    "政务外网边界发现针对 VPN 的暴力破解攻击"};
            case "warning" -> new String[]{"市网信办通报 Apache Log4j2 远程代码执行漏洞预警", "国家信息安全漏洞共享平台通报 Spring 框架漏洞",
                    "通报针对政务系统的钓鱼邮件攻击活动", "通报 OpenSSL 高危漏洞", "通报 Windows 远程桌面服务漏洞",
                    "通报勒索病毒新变种传播预警"};
            case "hazard-check" -> new String[]{"上级通报：互联网暴露面资产排查", "上级通报：弱口令专项排查", "上级通报：中间件漏洞隐患排查",
                    "上级通报：数据泄露隐患排查"};
            case "launch" -> new String[]{"社保卡服务平台二期上线", "就业服务系统招聘会模块上线", "人事考试系统移动端报名模块上线"};
            case "hardening" -> new String[]{"等保测评问题整改：服务器安全加固", "密评问题整改：传输通道国密改造"};
            default -> new String[]{"网络安全事件"};
        };
    }
}
