"""Tag splitting: exact on every labelled real line, a partition of any text,
and exact whenever the true tags are known."""

from __future__ import annotations

import itertools
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedparse_txt import KnownTags, format_dump, parse_dump, split_tags
from feedparse_txt.tags import _UNLIKELY, _words_and_separators, tag_readings

from .conftest import DATA
from .test_model import article

LABELLED = sorted(DATA.glob("*tags*.tsv"))


def labelled_rows(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    rows = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw and not raw.startswith("#"):
            line, labels = raw.split("\t")
            rows.append((line, tuple(labels.split(" | "))))
    return rows


ROWS = [row for path in LABELLED for row in labelled_rows(path)]
VOCABULARY = sorted({tag for _, tags in ROWS for tag in tags})


def test_the_labelled_files_are_there() -> None:
    assert [p.name for p in LABELLED] == ["page8-tags.tsv", "real-tags.tsv"]
    assert len(ROWS) == 106


@pytest.mark.parametrize(("line", "expected"), ROWS, ids=[line for line, _ in ROWS])
def test_every_labelled_real_line_is_split_exactly(line: str, expected: tuple[str, ...]) -> None:
    assert "".join(expected) == line
    assert split_tags(line) == expected


BENCH_LABELLED = sorted((Path(__file__).parent.parent / "bench" / "data").glob("*.tsv"))


def test_the_bench_labelled_lines_split_at_least_as_well_as_measured() -> None:
    # Hand-written and synthetic lines (bench/data, measured by bench/tags.py): a change
    # to the splitter may trade one line for another, but must not read fewer right.
    rows = [row for path in BENCH_LABELLED for row in labelled_rows(path)]
    assert len(rows) == 4078 and all("".join(tags) == line for line, tags in rows)
    assert sum(split_tags(line) == tags for line, tags in rows) >= 4015


def test_the_page8_dump_splits_like_its_labels() -> None:
    rows = labelled_rows(DATA / "page8-tags.tsv")
    articles = parse_dump(DATA / "backend-architecture-page8.txt").articles
    assert [a.tags for a in articles] == [tags for _, tags in rows]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # A word glued on the web is in the word list's rare end: still looked into.
        ("Consulhealth checkservice discovery", ("Consul", "health check", "service discovery")),
        # A known word may be glued to one no list knows, as programs are named.
        ("Dockercontainerdrunc", ("Docker", "containerd", "runc")),
        ("Pythonasynciouvloop", ("Python", "asyncio", "uvloop")),
        ("Linuxperfuprobes", ("Linux", "perf", "uprobes")),
        # One lowercase letter before capitals starts a name of them: xDS, vDSO, vCPU,
        # after glued words or capitals too (but Go|RPC: Go is a name).
        ("EnvoysidecarxDS", ("Envoy", "sidecar", "xDS")),
        ("LinuxsyscallvDSO", ("Linux", "syscall", "vDSO")),
        ("KVMvCPUvirtualization", ("KVM", "vCPU", "virtualization")),
        ("Distributed IDGoRPC", ("Distributed ID", "Go", "RPC")),
        # ... and before a capitalized word after a lowercase one, where sorted order puts
        # no tag boundary: the letter starts the tag.
        ("cloud storageiCloud", ("cloud storage", "iCloud")),
        ("PrometheuscAdvisorcontainer metrics", ("Prometheus", "cAdvisor", "container metrics")),
        # Tools and kernel parts are terms: their lowercase names glue to the words around
        # them. (rustc is none: Rust|crates would read Rustc|rates.)
        ("TypeScripttsctsconfig", ("TypeScript", "tsc", "tsconfig")),
        ("Linux Kernelkthreadworkqueue", ("Linux Kernel", "kthread", "workqueue")),
        ("Cargo.tomlRustcrates", ("Cargo.toml", "Rust", "crates")),
        ("JAXXLAautodiff", ("JAX", "XLA", "autodiff")),
        ("GDScriptGodotindie games", ("GDScript", "Godot", "indie games")),
        ("4KAV1YouTube", ("4K", "AV1", "YouTube")),  # a name's hump is no boundary
        ("CDNCOSTencent Cloud", ("CDN", "COS", "Tencent Cloud")),  # not CDN|COST|encent Cloud
        # A hyphenated term whose first word is one letter, after a word: Cloud|e-commerce.
        ("Spring Cloude-commercemall", ("Spring Cloud", "e-commerce", "mall")),
        ("Pythonclusteringk-means", ("Python", "clustering", "k-means")),
        # A number is as common in a tag as a common word: Java 21, HTTP/3.
        ("Java 21rankingrefactoring", ("Java 21", "ranking", "refactoring")),
        ("HTTP/3cachingstream processing", ("HTTP/3", "caching", "stream processing")),
        ("MySQL 8.0cache-avalancheflash sale", ("MySQL 8.0", "cache-avalanche", "flash sale")),
        # Letters right after a digit are rare inside a word: ext4|hash, V8|token.
        ("ext4hash slot", ("ext4", "hash slot")),
        ("DecentralizationV8token bucket", ("Decentralization", "V8", "token bucket")),
        # Capitals before a word that reads with or without the last of them: the order decides.
        ("Kafka ConnectSOAlive quiz", ("Kafka Connect", "SOA", "live quiz")),
        ("ETLRPClock-free", ("ETL", "RPC", "lock-free")),
        ("CDCPoddistributed transaction", ("CDC", "Pod", "distributed transaction")),
        ("CAPContextClassLoaderred-black tree", ("CAP", "ContextClassLoader", "red-black tree")),
        # A capitalized name before capitals keeps its last letter.
        ("MyBatisNginxSDN", ("MyBatis", "Nginx", "SDN")),
        # The first letter of a lowercase-led name is not searched as part of the word before.
        ("accelerationvLLM", ("acceleration", "vLLM")),
        ("ControlleriOS", ("Controller", "iOS")),
        # ... and a word's last letter is not taken for such a name's (gRPC, mTLS) first.
        ("Instant MessagingRPCvisibility", ("Instant Messaging", "RPC", "visibility")),
        ("MediumTLS", ("Medium", "TLS")),
        ("FaaSIstioKV cache", ("FaaS", "Istio", "KV cache")),
        # Words newer than the word list, acronyms and names of the field.
        ("CUDAEthereumNetflix", ("CUDA", "Ethereum", "Netflix")),
        ("OLAPRAGredo log", ("OLAP", "RAG", "redo log")),
        ("SwiftUIXcodeiOS", ("SwiftUI", "Xcode", "iOS")),
        (".NETASP.NET Coremiddleware", (".NET", "ASP.NET Core", "middleware")),
        ("PromQLPrometheusalerting", ("PromQL", "Prometheus", "alerting")),
        # ... but no name made of two tags: Flink|SQL injection.
        ("FlinkSQL injectionthree-way handshake", ("Flink", "SQL injection", "three-way handshake")),
        ("GPTQINT8model quantization", ("GPTQ", "INT8", "model quantization")),
        ("function callinggpt-4oprompt engineering", ("function calling", "gpt-4o", "prompt engineering")),
        # A name of the term list glued to a word is two tags, not a compound (metaprogramming).
        ("RegionServeretcdprompt engineering", ("RegionServer", "etcd", "prompt engineering")),
        # More than three tags from the case changes alone: a CamelCase name, kept whole.
        ("ClickHouseMergeTreematerialized view", ("ClickHouse", "MergeTree", "materialized view")),
        # Words of the field just under the common ones (hashing, pagination) still start a
        # reading of three glued words.
        ("paginationsecuritytransaction message", ("pagination", "security", "transaction message")),
        ("consistent hashinglayoutmetrics", ("consistent hashing", "layout", "metrics")),
        ("Service Orchestrationreflectionscheduler", ("Service Orchestration", "reflection", "scheduler")),
        # A two-letter word that a hyphen continues starts a tag: on-call, in-memory.
        ("incident responseon-callpostmortem", ("incident response", "on-call", "postmortem")),
        ("Kafkaat-least-onceidempotence", ("Kafka", "at-least-once", "idempotence")),
        ("Redisin-memory database", ("Redis", "in-memory database")),
        # ... but not a short word that no hyphenated term starts with (ed), nor inside
        # a word of the list.
        ("Jetpack Composered-black tree", ("Jetpack Compose", "red-black tree")),
        ("APISpain-basedspeedup-driven", ("API", "Spain-based", "speedup-driven")),
        # A word with digits inside starts after a word glued to it and may end a letter
        # or two after its digits: the glue search reads letters only.
        ("Kubernetesk8s", ("Kubernetes", "k8s")),
        ("Prometheusexporterk8s", ("Prometheus", "exporter", "k8s")),
        ("Gok8spprof", ("Go", "k8s", "pprof")),
        ("Javai18nlocalization", ("Java", "i18n", "localization")),
        ("Vue3i18npinia", ("Vue3", "i18n", "pinia")),
        ("Spring Bootlog4jlogging", ("Spring Boot", "log4j", "logging")),
        # ... or a letter after them, before a word, where no list knows the name (4j: for Java).
        ("Hippo4jdynamic thread poolmonitoring", ("Hippo4j", "dynamic thread pool", "monitoring")),
        ("Javaknife4jtesting", ("Java", "knife4j", "testing")),
        ("Redis 7k8sstatefulset", ("Redis 7", "k8s", "statefulset")),
        ("ARM64Linuxx86", ("ARM64", "Linux", "x86")),
        ("Javapython3", ("Java", "python3")),
        # ... but not after a short word the rest of which is no word: as|ideutf8mb4.
        ("cache asideutf8mb4", ("cache aside", "utf8mb4")),
        # A word and its version, unspaced, read as the word: Hive|arm64, not Hivearm64.
        ("ControllerHivearm64", ("Controller", "Hive", "arm64")),
        # The last of a run of capitals may start a name with digits: NIO|V8, BBR|P2P.
        ("NIOV8arrow functions", ("NIO", "V8", "arrow functions")),
        ("BBRP2P", ("BBR", "P2P")),
        # Digits have no case: the lowercase word before capitals ends at a letter.
        ("Llama3RAGvLLM", ("Llama3", "RAG", "vLLM")),
        # A lone capital after &, / or a hyphen may end a tag, and costs as an acronym there.
        ("R&Dengineering managementproductivity", ("R&D", "engineering management", "productivity")),
        ("Q&Achatbotknowledge base", ("Q&A", "chatbot", "knowledge base")),
        ("I/Omonitoringperformance", ("I/O", "monitoring", "performance")),
        ("I/Oepollnon-blocking", ("I/O", "epoll", "non-blocking")),
        ("Objective-Cdatabase migration", ("Objective-C", "database migration")),
        ("RISC-Vmemory pool", ("RISC-V", "memory pool")),
        # ... and so does a language of one letter, a tag of its own before a lowercase word.
        ("Cmemory management", ("C", "memory management")),
        ("Cmallocmemory", ("C", "malloc", "memory")),
        ("Cembeddedpointers", ("C", "embedded", "pointers")),
        ("Rdata analysisstatistics", ("R", "data analysis", "statistics")),
        ("CLinuxpointers", ("C", "Linux", "pointers")),
        # ... but a name that starts with one and a word is one tag (a term).
        ("AICtripJavaScript", ("AI", "Ctrip", "JavaScript")),
        # C++ and C# are terms: after capitals, their capital is theirs.
        ("CC++pointers", ("C", "C++", "pointers")),
        ("AOPC++", ("AOP", "C++")),
        ("AWSC#", ("AWS", "C#")),
        ("ANRC#null handling", ("ANR", "C#", "null handling")),
        # Common names no list knew: a hump (PowerShell, CoAP) or a capital after capitals
        # (AI|Svelte, AI|Dask) read as tag boundaries.
        ("LinuxPowerShellmonitoring", ("Linux", "PowerShell", "monitoring")),
        ("AICoAPperformance", ("AI", "CoAP", "performance")),
        ("AISvelteperformance", ("AI", "Svelte", "performance")),
        ("AIDaskperformance", ("AI", "Dask", "performance")),
        ("ABACAIperformance", ("ABAC", "AI", "performance")),
        ("DockerMobXautomation", ("Docker", "MobX", "automation")),
        ("AIksqlDBperformance", ("AI", "ksqlDB", "performance")),
        ("Linuxhtmxmonitoring", ("Linux", "htmx", "monitoring")),
        ("AIKnativeperformance", ("AI", "Knative", "performance")),
        ("AIPgBouncerperformance", ("AI", "PgBouncer", "performance")),
        ("AIMidjourneyperformance", ("AI", "Midjourney", "performance")),
        # A term before the capital that starts a word (AI|Saga) is weighed against the word
        # that letter and the next start (AIS|aga), not ruled out by it.
        ("AISagaperformance", ("AI", "Saga", "performance")),
        ("RAGSagaperformance", ("RAG", "Saga", "performance")),
        ("JWTPodindex optimization", ("JWT", "Pod", "index optimization")),
        # One digit and a few capitals lead a tag (digits sort first): 5G, 2PC, 3DES; the
        # tag may end after any of them, and another may follow a capital (4G|5G).
        ("5GMEClatency", ("5G", "MEC", "latency")),
        ("2PC3PCdistributed transaction", ("2PC", "3PC", "distributed transaction")),
        ("2PCSagadistributed transaction", ("2PC", "Saga", "distributed transaction")),
        ("3DESAESencryption", ("3DES", "AES", "encryption")),
        ("3GPP5Gstandards", ("3GPP", "5G", "standards")),
        ("1NF2NF3NF", ("1NF", "2NF", "3NF")),
        ("4KHDRvideo encoding", ("4K", "HDR", "video encoding")),
        ("3DBlendermodeling", ("3D", "Blender", "modeling")),
        ("8Kdisplaystreaming", ("8K", "display", "streaming")),
        ("5Gnetwork slicingtelecom", ("5G", "network slicing", "telecom")),
        ("5GAT&Ttelecom", ("5G", "AT&T", "telecom")),
        # A number of any length leads a tag with its unit; in a line led by a number,
        # another may follow a letter (digits sort first).
        ("144HzIPSmonitors", ("144Hz", "IPS", "monitors")),
        ("1080p4Kupscaling", ("1080p", "4K", "upscaling")),
        ("120fps4Kgaming", ("120fps", "4K", "gaming")),
        ("16KBL1 cachepage size", ("16KB", "L1 cache", "page size")),
        ("10xAI codingproductivity", ("10x", "AI coding", "productivity")),
        ("1.5TBSSDstorage", ("1.5TB", "SSD", "storage")),
        ("3.5mmaudio jackheadphones", ("3.5mm", "audio jack", "headphones")),
        # ... but units are a closed set: a longer number takes no acronym.
        ("2024AItrends", ("2024", "AI", "trends")),
        ("100PRreviews", ("100", "PR", "reviews")),
        ("2020COVIDremote work", ("2020", "COVID", "remote work")),
        # A unit may end its tag before a word of letters: the cut after it is weighed.
        ("10xengineeringproductivity", ("10x", "engineering", "productivity")),
        ("144Hzgamingmonitors", ("144Hz", "gaming", "monitors")),
        # Capitals before a word that starts hyphenated terms: either may own the last one.
        ("DBAon-callrunbooks", ("DBA", "on-call", "runbooks")),
        # ... and before a word of two letters that starts a lowercase phrase: RTB|ad bidding,
        # not RT|Bad bidding; a capitalized word of three stays whole (AWS|Big data).
        ("RTBad biddingoCPC", ("RTB", "ad bidding", "oCPC")),
        ("AWSad platform", ("AWS", "ad platform")),
        ("AWSBig data", ("AWS", "Big data")),
        ("BGPLow latency", ("BGP", "Low latency")),
        # A tool of two lowercase letters that the terms name (jq, yq, uv) may end a glued
        # run or follow capitals; any other two letters there are a word's end or start.
        ("Python packagingpipuv", ("Python packaging", "pip", "uv")),
        ("JSONjqyaml", ("JSON", "jq", "yaml")),
        ("CLIjqshell scripting", ("CLI", "jq", "shell scripting")),
        ("UImenuvisibility", ("UI", "menu", "visibility")),
        # A digit among capitals: K8S, P2P, and B2B (a term, not B2|BCRM).
        ("DockerK8Scontainers", ("Docker", "K8S", "containers")),
        ("BitTorrentP2Pnetworking", ("BitTorrent", "P2P", "networking")),
        ("B2BCRMSaaS", ("B2B", "CRM", "SaaS")),
        # ... but digits that end a tag still end it, and so do several at the start.
        ("Java 21Spring Boot", ("Java 21", "Spring Boot")),
        ("996ICUwork culture", ("996", "ICU", "work culture")),
        # A dot or :: before a letter joins words of one name: file, package and path names.
        ("AndroidGradlebuild.gradle", ("Android", "Gradle", "build.gradle")),
        ("Javajava.util.concurrentthread pool", ("Java", "java.util.concurrent", "thread pool")),
        ("C++STLstd::vector", ("C++", "STL", "std::vector")),
        ("Pythonpiprequirements.txt", ("Python", "pip", "requirements.txt")),
        ("Kubernetesk8s.iokubectl", ("Kubernetes", "k8s.io", "kubectl")),
        # A file name may start with a word of two letters: its cut before them is weighed.
        ("Gochecksumsgo.sum", ("Go", "checksums", "go.sum")),
        # The last of a run of capitals may start a name with digits or &: GPU|H100,
        # TLS|X.509, OKR|R&D.
        ("TLSX.509certificates", ("TLS", "X.509", "certificates")),
        ("OKRR&D efficiencyteam management", ("OKR", "R&D efficiency", "team management")),
        # A run of capitals that ends in the capital before a word may split anywhere inside,
        # even where its first three letters are a rare word of the list (uiu).
        ("UIUXdesign system", ("UI", "UX", "design system")),
        # A run of capitals twice is not one tag: the first ends the name before it.
        ("FreeRTOSRTOSembedded", ("FreeRTOS", "RTOS", "embedded")),
        # A short word glued to a lowercase word may start a camelCase name: in sorted order
        # no tag of capitals follows a lowercase one, so its hump may be inside a tag.
        ("React HooksuseReduceruseState", ("React Hooks", "useReducer", "useState")),
        ("GitHub Actionsci.ymlworkflows", ("GitHub Actions", "ci.yml", "workflows")),
        # ... not a version: its digits stay one word.
        ("MySQL 8.0Redis 7.2", ("MySQL 8.0", "Redis 7.2")),
        # Capitals, a v and a version are one name (ARMv8, MQTTv5), not capitals and a
        # capitalized word (AR|Mv8), alone or among others.
        ("ARMv8", ("ARMv8",)),
        ("ARMv8NEONSIMD", ("ARMv8", "NEON", "SIMD")),
        ("IoTMQTTv5", ("IoT", "MQTTv5")),
        ("AArch64ARMv8NEON", ("AArch64", "ARMv8", "NEON")),
        ("OAuthSAMLv2SSO", ("OAuth", "SAMLv2", "SSO")),
        ("HTTP/2TLSv1.3", ("HTTP/2", "TLSv1.3")),  # a version with dots too
        ("TLSv1.2TLSv1.3cipher suites", ("TLSv1.2", "TLSv1.3", "cipher suites")),
        # A term with a symbol in it is one word, even after capitals (the term N+1).
        ("HibernateJPAN+1 problem", ("Hibernate", "JPA", "N+1 problem")),
        # Capitals glued to a lowercase word are two tags, not one name (UDPlatency), unless
        # a term (SQLite, IPsec, RESTful).
        (
            "CQRSarchitectureevent sourcingread models",
            ("CQRS", "architecture", "event sourcing", "read models"),
        ),
        (
            "OAuth 2.0OpenID ConnectSSOidentity",
            ("OAuth 2.0", "OpenID Connect", "SSO", "identity"),
        ),
        ("IPsecVPNnetworking", ("IPsec", "VPN", "networking")),
        # An acronym's plural is one word, after capitals (AI|LLMs, not AILL|Ms) or before a
        # lowercase word whose letters after the s make a longer word (URLs|parsing), but
        # not where the s starts one (SSO|secrets).
        ("AILLMsRAG", ("AI", "LLMs", "RAG")),
        ("AIGPUsLLMs", ("AI", "GPUs", "LLMs")),
        ("JavaURLsparsing", ("Java", "URLs", "parsing")),
        ("SDKsintegration", ("SDKs", "integration")),
        ("1PasswordSSOsecrets", ("1Password", "SSO", "secrets")),
        # How the humps of unknown CamelCase names group into tags: a hump twice in one
        # word is two tags sharing a word; a name ends no word; capitals before a
        # capitalized hump are a tag of their own.
        (
            "JdbcTemplateTransactionTemplatetransaction",
            ("JdbcTemplate", "TransactionTemplate", "transaction"),
        ),
        (
            "PhantomReferenceSoftReferencegarbage collection",
            ("PhantomReference", "SoftReference", "garbage collection"),
        ),
        (
            "RedisTemplateStringRedisTemplateserialization",
            ("RedisTemplate", "StringRedisTemplate", "serialization"),
        ),
        ("HandlerInterceptorSpringthread safety", ("HandlerInterceptor", "Spring", "thread safety")),
        # Nor is one inside a tag of several words: a hump next to a phrase starts or ends a
        # tag, so four tags are not read as three (Layered DesignProtobuf, UUIDdata sync...).
        (
            "Design PatternsLayered DesignProtobufflash sale",
            ("Design Patterns", "Layered Design", "Protobuf", "flash sale"),
        ),
        (
            "Backend ArchitectureKafkaRead ReceiptsSession Management",
            ("Backend Architecture", "Kafka", "Read Receipts", "Session Management"),
        ),
        (
            "CMSDatabase OptimizationUUIDdata synchronization",
            ("CMS", "Database Optimization", "UUID", "data synchronization"),
        ),
        # ... and a word no list knows inside a phrase is most often two tags glued where they
        # meet (Bootlive quiz, lockflash sale, RISC-Vchip).
        (
            "Cache DesignData PartitioningSpring Bootlive quiz",
            ("Cache Design", "Data Partitioning", "Spring Boot", "live quiz"),
        ),
        (
            "Backend DevelopmentDesign Patternsdistributed-lockflash sale",
            ("Backend Development", "Design Patterns", "distributed-lock", "flash sale"),
        ),
        ("ARMRISC-Vchip", ("ARM", "RISC-V", "chip")),
        (
            "Cache PatternsJavaSpring Bootcache-avalanchelive quiz",
            ("Cache Patterns", "Java", "Spring Boot", "cache-avalanche", "live quiz"),
        ),
        (
            "LambdaQueryWrapperMyBatis-PlusQueryWrapper",
            ("LambdaQueryWrapper", "MyBatis-Plus", "QueryWrapper"),
        ),
        ("HandlerInterceptorMySQLconcurrency", ("HandlerInterceptor", "MySQL", "concurrency")),
        ("PriorityQueueRedisperformance", ("PriorityQueue", "Redis", "performance")),
        (
            "ApplicationRunnerCommandLineRunnerSpring Boot",
            ("ApplicationRunner", "CommandLineRunner", "Spring Boot"),
        ),
        ("NIOSelectorServerSocketChannel", ("NIO", "Selector", "ServerSocketChannel")),
        # ... also where a case change after them cut the next tag (JVMTree|Map).
        ("JVMTreeMapperformance", ("JVM", "TreeMap", "performance")),
        ("JUCSoftReferencemultithreading", ("JUC", "SoftReference", "multithreading")),
        ("AQSLinkedHashMaplock", ("AQS", "LinkedHashMap", "lock")),
        # ... but a name of several humps may end one (a class's name: ContextClassLoader),
        # and a known name keeps its repeated hump.
        (
            "ContextClassLoaderInstant Messagingwindow aggregation",
            ("ContextClassLoader", "Instant Messaging", "window aggregation"),
        ),
        ("HyperLogLogKafka", ("HyperLogLog", "Kafka")),
        # A term and one capital more is seldom an acronym: the capital starts a word.
        ("AISentryerror tracking", ("AI", "Sentry", "error tracking")),
        ("AITrustzero trust", ("AI", "Trust", "zero trust")),
        # Where the word list calls a glue decision close, the search weighs its runner-up
        # too, knowing the line's order and tags (the best alone: planslow|query, Podhash).
        ("Redisquery planslow query", ("Redis", "query plan", "slow query")),
        ("Podhash slot", ("Pod", "hash slot")),
        ("lakehousemiddlewarewindow aggregation", ("lakehouse", "middleware", "window aggregation")),
        ("Project Loomedge computingversion control", ("Project Loom", "edge computing", "version control")),
        ("ConcurrentHashMapobject poolsidecar", ("ConcurrentHashMap", "object pool", "sidecar")),
        # Two tags by the case changes are searched too where a close glue decision kept a
        # word whole inside a phrase (Podlazy loading): a phrase's words are known words.
        ("AI agentsPodlazy loading", ("AI agents", "Pod", "lazy loading")),
        ("ChatGPTLeafundo log", ("ChatGPT", "Leaf", "undo log")),
        ("MilvusProject Loomedge computing", ("Milvus", "Project Loom", "edge computing")),
        ("DifyRaspberry Picode refactoring", ("Dify", "Raspberry Pi", "code refactoring")),
        # ... but not where the word kept whole is a tag of its own, a name: Sec|kill.
        ("Project LoomSeckill", ("Project Loom", "Seckill")),
        ("AI agentsSeckill", ("AI agents", "Seckill")),
        # A known name that ends in a capital (DDoS, IoC, SLF4J) takes that capital from the
        # word after it, and glue is looked for in the rest alone (not in Sdistributed).
        ("DDoSdistributed ID", ("DDoS", "distributed ID")),
        ("IoCgoroutine", ("IoC", "goroutine")),
        ("FaaSfunctional programming", ("FaaS", "functional programming")),
        ("SLF4Jauthorization", ("SLF4J", "authorization")),
        ("QoSalgorithms", ("QoS", "algorithms")),
        ("Log4jretry", ("Log4j", "retry")),
        ("GPT-4ocontainerization", ("GPT-4o", "containerization")),
        # A name that starts with a lowercase letter takes it from the word before only where
        # that word is likelier with it than without (the list holds syste and engineerin).
        ("File SystemTLS", ("File System", "TLS")),
        ("Chaos EngineeringRPC", ("Chaos Engineering", "RPC")),
        ("Load BalancingRPC", ("Load Balancing", "RPC")),
        ("Data SyncgRPC", ("Data Sync", "gRPC")),
        # A dot between letters or digits joins the words of a name: no tag ends with it.
        ("D3.jsmemory bandwidth", ("D3.js", "memory bandwidth")),
        ("AgentEle.me", ("Agent", "Ele.me")),
        ("Message QueuePixi.js", ("Message Queue", "Pixi.js")),
        # ... and such a name may end with a file or domain ending glued to the next word.
        ("Chart.jsdashboardsdata visualization", ("Chart.js", "dashboards", "data visualization")),
        ("Ele.mebillingself-attention", ("Ele.me", "billing", "self-attention")),
        ("app.pyguardrailsvector search", ("app.py", "guardrails", "vector search")),
        # bundler, a term the word list lacks (bundle|r read before it).
        ("CDNbundlerretry", ("CDN", "bundler", "retry")),
        # tracing, as common in tags as rare against racing in the word list (Got|racing).
        ("Gotracing", ("Go", "tracing")),
        ("InnoDBProject Loomtracing", ("InnoDB", "Project Loom", "tracing")),
        # A language of one letter ends a phrase (not Cm|emory), but not C++, nor a capital
        # alone inside a CamelCase name.
        ("embedded Cmemory leakwatchdog", ("embedded C", "memory leak", "watchdog")),
        ("embedded Cworkflows", ("embedded C", "workflows")),
        ("C++smart pointersstd::unique_ptr", ("C++", "smart pointers", "std::unique_ptr")),
        ("HashMapRService WorkerYAML", ("HashMap", "R", "Service Worker", "YAML")),
        # A word that starts hyphenated terms may follow any fairly common word before a
        # joiner, not only a part that is one: Rust|embedded|no_std, not Rust|embeddedno_std.
        ("Rustembeddedno_std", ("Rust", "embedded", "no_std")),
        # Glued lowercase words may start with a long word however rare (lockstep, lakehouse,
        # overselling), not only a fairly common one.
        ("lockstepnetcoderollback", ("lockstep", "netcode", "rollback")),
        ("lakehousescriptingversion control", ("lakehouse", "scripting", "version control")),
        ("oversellingpaginationservice design", ("overselling", "pagination", "service design")),
        ("defragmentationmiddlewareretry storm", ("defragmentation", "middleware", "retry storm")),
        # ... and with a word no list knows before two known ones, lowercase as a name may.
        ("danmakuinteractionlive comments", ("danmaku", "interaction", "live comments")),
        ("five whyspostmortemroot cause", ("five whys", "postmortem", "root cause")),
        # Names and words of game development, embedded systems, mobile apps, video and
        # blockchains that the lists lacked.
        ("Box2Dcollision detectionphysics engine", ("Box2D", "collision detection", "physics engine")),
        ("FMODWwiseaudio engine", ("FMOD", "Wwise", "audio engine")),
        ("octreequadtreespatial partitioning", ("octree", "quadtree", "spatial partitioning")),
        ("AUTOSARCAN busautomotive", ("AUTOSAR", "CAN bus", "automotive")),
        ("OPC UASCADAindustrial protocol", ("OPC UA", "SCADA", "industrial protocol")),
        ("CoAPLwM2Mdevice management", ("CoAP", "LwM2M", "device management")),
        ("JSBridgeWebViewhybrid apps", ("JSBridge", "WebView", "hybrid apps")),
        ("CMAFLL-HLSlow-latency streaming", ("CMAF", "LL-HLS", "low-latency streaming")),
        ("PSNRVMAFvideo quality", ("PSNR", "VMAF", "video quality")),
        ("PoSconsensusvalidators", ("PoS", "consensus", "validators")),
        ("USDTon-chainstablecoins", ("USDT", "on-chain", "stablecoins")),
        ("gaussian splattingsubnettroubleshooting", ("gaussian splatting", "subnet", "troubleshooting")),
        # A name no list knows that starts with a common word may lead two known words, not
        # only a lowercase word no common word starts...
        ("Bootmemconsensusmultiplexing", ("Bootmem", "consensus", "multiplexing")),
        ("Scanpyclusteringsingle-cell RNA-seq", ("Scanpy", "clustering", "single-cell RNA-seq")),
        ("Vivadoannotationinterview loop", ("Vivado", "annotation", "interview loop")),
        ("Shopeemarketplacenpm scripts", ("Shopee", "marketplace", "npm scripts")),
        ("Xiaohongshujournalingrate limiter", ("Xiaohongshu", "journaling", "rate limiter")),
        # ... but the common word alone leads more often than such a name does, and a term
        # that starts the part leads it.
        ("Project Loomrebalancesession", ("Project Loom", "rebalance", "session")),
        ("Glaciergeventpgbouncer", ("Glacier", "gevent", "pgbouncer")),
        ("MethodHandleinvokedynamicreflection", ("MethodHandle", "invokedynamic", "reflection")),
        ("SwiftDatakeypointsstatic linking", ("SwiftData", "keypoints", "static linking")),
        ("@Asyncrecompositionunit test", ("@Async", "recomposition", "unit test")),
        # A capital after a short hump may end a name before a word it makes no word with
        # (DoH|privacy, not Do|Hprivacy), where no known name ends there already.
        ("DNS over HTTPSDoHprivacy", ("DNS over HTTPS", "DoH", "privacy")),
        ("PyGgraph neural networks", ("PyG", "graph neural networks")),
        ("NVMe-oFstorage networking", ("NVMe-oF", "storage networking")),
        ("IdPsingle sign-on", ("IdP", "single sign-on")),
        ("QoEvideo streaming", ("QoE", "video streaming")),
        ("PoWmining", ("PoW", "mining")),
        ("CUDALangChainannotation", ("CUDA", "LangChain", "annotation")),
        ("IoCroadmap", ("IoC", "roadmap")),
        ("MobXstate management", ("MobX", "state management")),
        # Names of scientific computing, XR, maps, enterprise systems, health care,
        # cryptography, email and documentation that the lists lacked.
        ("DataFramegroupbypandas", ("DataFrame", "groupby", "pandas")),
        ("BLASLAPACKlinear algebra", ("BLAS", "LAPACK", "linear algebra")),
        ("Krylov solversPETScpreconditioners", ("Krylov solvers", "PETSc", "preconditioners")),
        ("OpenXRXR runtimespatial computing", ("OpenXR", "XR runtime", "spatial computing")),
        ("PostGISR-treespatial indexes", ("PostGIS", "R-tree", "spatial indexes")),
        ("CICSIBM z/OStransaction processing", ("CICS", "IBM z/OS", "transaction processing")),
        ("ERPS/4HANASAP", ("ERP", "S/4HANA", "SAP")),
        ("API integrationconnectorsiPaaS", ("API integration", "connectors", "iPaaS")),
        ("FHIRHL7healthcare interoperability", ("FHIR", "HL7", "healthcare interoperability")),
        ("KeccakSHA-3hash functions", ("Keccak", "SHA-3", "hash functions")),
        ("DMARCSPFanti-spoofing", ("DMARC", "SPF", "anti-spoofing")),
        ("Read the DocsSphinxreStructuredText", ("Read the Docs", "Sphinx", "reStructuredText")),
        (
            "constant-timeside-channel attackstiming leaks",
            ("constant-time", "side-channel attacks", "timing leaks"),
        ),
        ("sandboxingsecuritysite isolation", ("sandboxing", "security", "site isolation")),
        ("LookMLLookersemantic layer", ("LookML", "Looker", "semantic layer")),
        ("DataHubdata catalogmetadata", ("DataHub", "data catalog", "metadata")),
        ("NVMe-oFdisaggregationstorage networking", ("NVMe-oF", "disaggregation", "storage networking")),
        ("KubeVelaOAMapplication delivery", ("KubeVela", "OAM", "application delivery")),
        ("Playwrightbrowsersend-to-end testing", ("Playwright", "browsers", "end-to-end testing")),
        ("AFLcoverage-guidedfuzzing", ("AFL", "coverage-guided", "fuzzing")),
        # A known name may be plural before a lowercase word (not DataFrame|splotting)...
        ("DataFramespandasplotting", ("DataFrames", "pandas", "plotting")),
        ("WebSocketsreal-timeserver push", ("WebSockets", "real-time", "server push")),
        ("AndroidWebViewshybrid apps", ("Android", "WebViews", "hybrid apps")),
        ("multiple comparisonsp-valuesstatistics", ("multiple comparisons", "p-values", "statistics")),
        # ... but where the s starts a word, it is that word's: DataFrame|slicing.
        ("DataFrameslicingtime series", ("DataFrame", "slicing", "time series")),
        ("DaemonSetnode affinityscheduling", ("DaemonSet", "node affinity", "scheduling")),
        ("GitHubsecuritysupply chain", ("GitHub", "security", "supply chain")),
        ("WebSocketload balancingscaling", ("WebSocket", "load balancing", "scaling")),
        # A CamelCase name no list knows, whose last hump the glue search joins to the next
        # tag's first word, is searched whole where a reading that cuts it at its humps is
        # nearly as likely: BuildKit|best practices, not Build|Kitbest practices.
        ("BuildKitbest practicesperformance", ("BuildKit", "best practices", "performance")),
        ("OpenTofubest practicesperformance", ("OpenTofu", "best practices", "performance")),
        ("CocoaPodsopen source licensessleep modes", ("CocoaPods", "open source licenses", "sleep modes")),
        # A capital and one lowercase letter that no list names is a hump cut from a name,
        # not a tag: DeFi|failover, not De|Fi|failover (but Go, Qt and Rc are tags).
        ("DeFifailover", ("DeFi", "failover")),
        ("DeFimodules", ("DeFi", "modules")),
        ("Qtsmart contracts", ("Qt", "smart contracts")),
        ("BoxRcsmart pointers", ("Box", "Rc", "smart pointers")),
        # A close glue decision that made a cut goes to the search in a line of three tags
        # too, where the tags' costs decide: Shopify|scaling|use cases, not the glue search's
        # Shop|ifyscaling (a common word leads glued words more often than a name does).
        ("Shopifyscalinguse cases", ("Shopify", "scaling", "use cases")),
        ("Lookerscalinguse cases", ("Looker", "scaling", "use cases")),
        ("Fastlyscalinguse cases", ("Fastly", "scaling", "use cases")),
        ("AIoverselling", ("AI", "overselling")),
        # A word of capitals and a name of one hump is two tags, not a word of mostly capitals
        # (ARKit, ZSet, DSPy are such words): AlloyDB|Go, not Alloy|DBGo.
        ("AlloyDBGoservices", ("AlloyDB", "Go", "services")),
        ("BoltDBGoembedded database", ("BoltDB", "Go", "embedded database")),
        ("ARKitaugmented reality", ("ARKit", "augmented reality")),
        ("DSPyLLM programs", ("DSPy", "LLM programs")),
        ("CaffeineWebLogicsar", ("Caffeine", "WebLogic", "sar")),
        # ... and so may a lowercase term, where the word list holds its plural.
        ("UUIDnamespacestree shaking", ("UUID", "namespaces", "tree shaking")),
        # Names of .NET, PHP, Ruby, Elixir and trading systems that the lists lacked.
        (".NET MAUIXAMLcross-platform", (".NET MAUI", "XAML", "cross-platform")),
        (".NETNuGetpackage management", (".NET", "NuGet", "package management")),
        ("CQRSMediatRclean architecture", ("CQRS", "MediatR", "clean architecture")),
        ("Moqunit testingxUnit", ("Moq", "unit testing", "xUnit")),
        ("RSpecRubytesting", ("RSpec", "Ruby", "testing")),
        ("ElixirLiveViewPhoenix", ("Elixir", "LiveView", "Phoenix")),
        ("JITOPcachePHP", ("JIT", "OPcache", "PHP")),
        ("kdb+tick datatime series", ("kdb+", "tick data", "time series")),
        ("Highchartschartstime series", ("Highcharts", "charts", "time series")),
        ("Gradiodemosmachine learning", ("Gradio", "demos", "machine learning")),
        ("Rggplot2visualization", ("R", "ggplot2", "visualization")),
        ("HackerOnebug bountyresponsible disclosure", ("HackerOne", "bug bounty", "responsible disclosure")),
        ("Rustgenericstraits", ("Rust", "generics", "traits")),
        ("C++ dependenciesConanvcpkg", ("C++ dependencies", "Conan", "vcpkg")),
        ("DTLSSRTPencryption", ("DTLS", "SRTP", "encryption")),
        ("SIPVoIPsignaling", ("SIP", "VoIP", "signaling")),
        ("FreeSWITCHSIPcall center", ("FreeSWITCH", "SIP", "call center")),
        ("Detektktlintstatic analysis", ("Detekt", "ktlint", "static analysis")),
        ("containersnetwork namespacesveth", ("containers", "network namespaces", "veth")),
        ("CommonJSESMmodule resolution", ("CommonJS", "ESM", "module resolution")),
        ("HTTP clientfetchundici", ("HTTP client", "fetch", "undici")),
        ("APIsDjango REST frameworkserializers", ("APIs", "Django REST framework", "serializers")),
        ("Couchbasecachingdocument database", ("Couchbase", "caching", "document database")),
        ("APIEdgeXmonitoring", ("API", "EdgeX", "monitoring")),
        ("AIKEDAKubernetes", ("AI", "KEDA", "Kubernetes")),
        ("Vitessarchitecturecloud native", ("Vitess", "architecture", "cloud native")),
        ("Biomebest practicesperformance", ("Biome", "best practices", "performance")),
        ("APITanStack Querymonitoring", ("API", "TanStack Query", "monitoring")),
        ("DockerdeploymenttRPC", ("Docker", "deployment", "tRPC")),
        ("APIk6monitoring", ("API", "k6", "monitoring")),
        ("JavaMessagePacksource code", ("Java", "MessagePack", "source code")),
        ("APIHelmfilemonitoring", ("API", "Helmfile", "monitoring")),
        ("APIVMwaremonitoring", ("API", "VMware", "monitoring")),
        ("APIRxSwiftmonitoring", ("API", "RxSwift", "monitoring")),
        ("APIPostgRESTmonitoring", ("API", "PostgREST", "monitoring")),
        ("DockerdeploymentvSphere", ("Docker", "deployment", "vSphere")),
        ("APIMattermostmonitoring", ("API", "Mattermost", "monitoring")),
        ("APIgVisormonitoring", ("API", "gVisor", "monitoring")),
        ("APINuttXmonitoring", ("API", "NuttX", "monitoring")),
        ("APIAlmaLinuxmonitoring", ("API", "AlmaLinux", "monitoring")),
        ("APITailscalemonitoring", ("API", "Tailscale", "monitoring")),
        ("APIRoBERTamonitoring", ("API", "RoBERTa", "monitoring")),
        ("DockerLuaJITdeployment", ("Docker", "LuaJIT", "deployment")),
        ("DockerPaddleOCRdeployment", ("Docker", "PaddleOCR", "deployment")),
        ("APIiFlytekmonitoring", ("API", "iFlytek", "monitoring")),
        ("APIDragonwellmonitoring", ("API", "Dragonwell", "monitoring")),
        ("APILightsailmonitoring", ("API", "Lightsail", "monitoring")),
        ("APIOVHcloudmonitoring", ("API", "OVHcloud", "monitoring")),
        ("APIkubevalmonitoring", ("API", "kubeval", "monitoring")),
        # A term's letters may stand where two tags meet: terms that only ever read so
        # (springcloud, rsync, ltv, websockets) are out of the list.
        ("PythonSpringcloud operations", ("Python", "Spring", "cloud operations")),
        ("Batch ProcessingBrowsersync.Pool", ("Batch Processing", "Browser", "sync.Pool")),
        ("ETLTV appdistributed coordination", ("ETL", "TV app", "distributed coordination")),
        ("WebSocketslow query", ("WebSocket", "slow query")),
        ("SpringapplicationContextbean lifecycle", ("Spring", "applicationContext", "bean lifecycle")),
    ],
)
def test_lines_outside_the_labelled_files(line: str, expected: tuple[str, ...]) -> None:
    assert "".join(expected) == line and list(expected) == sorted(expected)
    assert split_tags(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "",
        "a",
        "A",
        "·",
        "  ",
        "\u2011",
        "-A-",
        "AAAAAAAA",
        "aAaAaAaAaA" * 1000,
        "x" * 10_000,
        "ÄÖÜäöüßÉé",
        "中文标签English标签",
        "@#$%^&*()",
        "C++C#Node.jsio_uring",
        "\t\r\x0b",
    ],
)
def test_partition_on_awkward_lines(line: str) -> None:
    tags = split_tags(line)
    assert "".join(tags) == line
    assert all(tags) or line == ""


@given(st.text())
def test_always_a_partition(line: str) -> None:
    assert "".join(split_tags(line)) == line
    readings = tag_readings(line)
    assert readings and all("".join(r.tags) == line for r in readings)


@given(st.text("0159ADGKPaegk &-./", max_size=40))
def test_always_a_partition_around_digits_and_capitals(line: str) -> None:
    # Digits before capitals start tags (5G, 2PC, 4G|5G): cuts weighed after either.
    assert "".join(split_tags(line)) == line
    assert all("".join(r.tags) == line for r in tag_readings(line, limit=5))


@given(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=4, unique=True))
def test_known_tags_make_the_split_exact(tags: list[str]) -> None:
    tags.sort()
    line = "".join(tags)
    assert split_tags(line, known_tags=tags) == tuple(tags)


REAL_LOOKING = st.builds(
    " ".join,
    st.lists(
        st.one_of(
            st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9),
            st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9).map(str.capitalize),
            st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=4),
        ),
        min_size=1,
        max_size=3,
    ),
)


@given(st.lists(REAL_LOOKING, min_size=1, max_size=4, unique=True))
def test_known_tags_win_over_guesses(tags: list[str]) -> None:
    tags.sort()
    line = "".join(tags)
    assert split_tags(line, known_tags=tags) == tuple(tags)


def test_a_known_tag_only_counts_where_it_can_stand() -> None:
    line = "CacheCache PatternsMySQL"
    assert split_tags(line, known_tags=["Cache"]) == ("Cache", "Cache Patterns", "MySQL")


def test_readings_are_ranked_and_guesses_flagged() -> None:
    readings = tag_readings("ContextClassLoaderJavaSPI")
    assert readings[0].tags == ("ContextClassLoader", "Java", "SPI")
    assert [r.cost for r in readings] == sorted(r.cost for r in readings)
    assert len(tag_readings("Backend ArchitectureDSLService Orchestration")) == 1
    # FORMAT.md: ambiguous even to a person; reported as a guess
    assert tag_readings("Backend ArchitectureCMSTV app")[0].close


@pytest.mark.parametrize(
    ("line", "tags"),
    [
        # Tags in another order than sorted (another site's): no sorted reading reads well.
        ("Service OrchestrationDSLBackend Architecture", ("Service OrchestrationDSLBackend Architecture",)),
        ("idempotencydistributed lockRedis", ("idempotencydistributed lockRedis",)),
        # ... and two tags of words no list knows, glued.
        ("inventoryseckillstockout", ("inventory", "seckillstockout")),
    ],
)
def test_a_reading_of_one_or_two_unlikely_tags_is_a_guess(line: str, tags: tuple[str, ...]) -> None:
    best = tag_readings(line)[0]
    assert best.tags == tags
    assert best.close


def test_two_real_tags_that_read_right_are_not_unlikely() -> None:
    # Every sorted pair of the real tags (12,403 lines) that reads right costs less than
    # an unlikely reading: none is flagged for its cost.
    for first, second in itertools.combinations(VOCABULARY, 2):
        best = tag_readings(first + second, limit=2)[0]
        if best.tags == (first, second):
            assert best.cost < _UNLIKELY, best


@pytest.mark.parametrize(
    ("line", "guess"),
    [
        # No Chinese word list: a run of ideographs may hide a boundary (FORMAT.md: CJK
        # text occurs in tags), and so may the change to or from other letters.
        ("分布式微服务架构", True),  # 分布式 | 微服务 | 架构
        ("Redis缓存高并发", True),  # Redis | 缓存 | 高并发
        ("Java基础Spring", True),
        ("缓存", False),  # two ideographs alone: one tag
        ("Backend Architecture缓存", True),
    ],
)
def test_a_split_that_keeps_ideographs_together_is_a_guess(line: str, guess: bool) -> None:
    assert tag_readings(line)[0].close is guess
    # Where a site's tag list makes up the line, that is its split: no guess.
    site = ["Redis", "缓存", "高并发"] if "Redis" in line else [line]
    assert not tag_readings(line, known_tags=site)[0].close


def test_the_page_tag_is_passed_as_known() -> None:
    dump = parse_dump(DATA / "tags_bootmem.txt")
    assert dump.header is not None and dump.header.tag == "Bootmem"
    assert dump.articles[0].tags == ("Bootmem", "Buddy Allocator", "Memory Management")


@pytest.mark.parametrize(
    ("page_tag", "line", "tags"),
    [
        # FORMAT.md: the page's tag usually, not always, is a tag of its records; a record
        # may hold it inside a word or name, which it does not cut.
        ("Java", "JavaJavaScriptNode.js", ("Java", "JavaScript", "Node.js")),
        ("Java", "JavaScriptNode.jsReact", ("JavaScript", "Node.js", "React")),
        ("Go", "GoGoogle Cloudgoroutine", ("Go", "Google Cloud", "goroutine")),
        ("Redis", "RedisRedisson", ("Redis", "Redisson")),
        ("MQ", "KafkaRabbitMQ", ("Kafka", "RabbitMQ")),
        ("SQL", "MySQLSQLindex", ("MySQL", "SQL", "index")),
        (
            "a",
            "Backend ArchitectureDSLService Orchestration",
            ("Backend Architecture", "DSL", "Service Orchestration"),
        ),
        # ... and where it stands, it is a tag: Bootmem, not Boot|mem.
        (
            "Bootmem",
            "BootmemBuddy AllocatorMemory Management",
            ("Bootmem", "Buddy Allocator", "Memory Management"),
        ),
    ],
)
def test_the_page_tag_is_likeliest_where_it_can_stand(
    page_tag: str, line: str, tags: tuple[str, ...]
) -> None:
    assert split_tags(line, known_tags=KnownTags(page_tag=page_tag)) == tags


def test_a_page_tag_inside_the_records_tags_cuts_nothing() -> None:
    # The page-8 records under a header whose tag is a letter inside many of their tags.
    text = (DATA / "backend-architecture-page8.txt").read_text(encoding="utf-8")
    plain = parse_dump(text)
    records = text[text.index("Amap Tech") :]
    paged = parse_dump("Tag\n\na\n\n1 views collected around this technical thread.\n\n" + records)
    assert paged.header is not None and paged.header.tag == "a"
    assert [a.tags for a in paged.articles] == [a.tags for a in plain.articles]


# Letters of other scripts, each with the ASCII letter of the same case it stands for.
_ACCENTED = {"é": "e", "É": "E", "ü": "u", "Ü": "U", "ñ": "n", "Ø": "O", "ø": "o", "Ł": "L"}


@given(st.text(alphabet="aBcDeXyZ0129 -/._+" + "".join(_ACCENTED), max_size=40))
def test_words_are_found_alike_in_any_script(text: str) -> None:
    # A tag line in another script is cut into words where its ASCII twin is
    # (case changes, digits, symbols, separators), not only at its case changes.
    twin = "".join(_ACCENTED.get(char, char) for char in text)
    lengths = [len(word) for word in _words_and_separators(text)]
    assert lengths == [len(word) for word in _words_and_separators(twin)]
    assert "".join(_words_and_separators(text)) == text


@pytest.mark.parametrize("line", [None, 5, b"JavaSPI", ["Java", "SPI"]])
def test_a_tag_line_that_is_no_str_is_a_type_error(line: object) -> None:
    # None split into () before, and bytes or a list failed deep in the splitter.
    for function in (split_tags, tag_readings):
        with pytest.raises(TypeError, match=f"a tag line must be a str, not {type(line).__name__}"):
            function(line)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("limit", "error", "message"),
    [
        (0, ValueError, "limit must be 1 or more, not 0"),  # gave no reading, not even the split
        (-1, ValueError, "limit must be 1 or more, not -1"),
        (1.5, TypeError, "limit must be an int, not float"),
        (None, TypeError, "limit must be an int, not NoneType"),
    ],
)
def test_a_limit_of_no_readings_is_refused(limit: object, error: type, message: str) -> None:
    line = "Backend ArchitectureCMSTV app"
    assert [len(tag_readings(line, limit=n)) for n in (1, 2)] == [1, 2]
    with pytest.raises(error) as caught:
        tag_readings(line, limit=limit)  # type: ignore[arg-type]
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("tags", "read_back"),
    [
        (("A B", "A B"), ("A BA B",)),
        (("zeta", "Alpha"), ("zetaAlpha",)),
        (("Alpha", "zeta"), ("Alpha", "zeta")),
    ],
)
def test_tags_read_back_as_the_split_of_their_line(tags: tuple[str, ...], read_back: tuple[str, ...]) -> None:
    # As the README says under "What the format itself forces": the line is all that is written.
    written = attrs.evolve(article(), tags=tags)
    parsed = parse_dump(format_dump([written])).articles[0]
    assert parsed.tags == read_back == split_tags("".join(tags))
    assert (parsed == written) is (read_back == tags)
