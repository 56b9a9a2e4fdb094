import Testing

@testable import Converter

/// The small helpers answer as their names promise.
@Suite struct SupportTests {
    @Test(arguments: [
        ("api", "api"), ("web-1", "web-1"), ("Web_App", "web-app"), ("a--b", "a-b"), ("-a-", "a"), ("", "x"),
        ("ünïcode", "n-code"), (String(repeating: "a", count: 70), String(repeating: "a", count: 63)), ("app.conf", "app-conf"),
        ("My App!", "my-app"), ("A__B..C", "a-b-c"), (" x ", "x"), ("---", "x"), ("Zz-09", "zz-09"),
    ])
    func labelsAlreadyValidAreKeptAndOthersRebuilt(name: String, expected: String) {
        #expect(KubernetesName.dns1123(name) == expected)
    }

    @Test(arguments: [
        ("/a/b", "/a/b"), ("/", "/"), ("/a//b", "/a/b"), ("/a/./b", "/a/b"), ("/a/../b", "/b"), ("/a/", "/a"), ("a/b", "/a/b"),
        ("/..", "/"), ("/a/..", "/"), ("/.", "/"), ("/...", "/..."), ("/.env", "/.env"), ("/a/..b", "/a/..b"), ("//", "/"), ("", "/"),
    ])
    func pathsAlreadyNormalAreKeptAndOthersRebuilt(path: String, expected: String) {
        #expect(Paths.normalize(path) == expected)
        #expect(Paths.isNormalAbsolute(path) == (path == expected))
    }

    @Test(arguments: [
        ("x-extra", true), ("services.api.x-meta", true), ("services.api.x-meta.a", true), ("services.box-x.image", false),
        ("services.x.image", false), ("services.api.labels.max-x", false), ("x", false), ("", false), ("services.x-", true),
        ("services.xx-y", false),
    ])
    func extensionKeysAreFoundAnywhereInAPath(path: String, expected: Bool) {
        #expect(UnconvertedKeysRule.isExtension(path) == expected)
    }

    @Test(arguments: [("a/b/c", "c"), ("a/b/", "b"), ("/x//", "x"), ("c", "c"), ("/", "/"), ("", ""), ("./app.conf", "app.conf")])
    func basenamesAreTheLastPart(path: String, expected: String) {
        #expect(Paths.basename(path) == expected)
    }

    @Test func aKeyPathsServiceIsFoundByItsNameDotsIncluded() {
        let names: ServiceNames = ["api", "wazuh.master", "wazuh", "db"]
        #expect(names.service(in: "services.api.ports[0]") == "api")
        #expect(names.service(in: "services.api[0]") == "api")
        #expect(names.service(in: "services.db") == "db")
        #expect(names.service(in: "services.wazuh.master.image") == "wazuh.master")
        #expect(names.service(in: "services.wazuh.image") == "wazuh")
        #expect(names.service(in: "services.web.image") == nil)
        #expect(names.service(in: "services.") == nil)
        #expect(names.service(in: "services") == nil)
        #expect(names.service(in: "volumes.api") == nil)
        #expect(names.service(in: "servicesx.api") == nil)
    }

    @Test func keyPathParentsCutAtDotsAndBrackets() {
        #expect(
            Array(KeyPath.selfAndAncestors(of: "services.api.ports[0].target")) == [
                "services.api.ports[0].target", "services.api.ports[0]", "services.api.ports", "services.api", "services",
            ])
    }

    @Test(arguments: [
        ("services", "api", nil, "services.api"), ("services", "a.b", "ports", "services.a.b.ports"), ("", "x", nil, ".x"),
        ("services", "ünï", "environment", "services.ünï.environment"), ("a", "", "", "a.."),
        (String(repeating: "p", count: 40), "k", "l", String(repeating: "p", count: 40) + ".k.l"),
    ])
    func pathsJoinedInOneStringAreThoseInterpolationMakes(first: String, second: String, third: String?, expected: String) {
        #expect(KeyPath.dotted(first, second, third) == expected)
        #expect(KeyPath.dotted(first, second, third) == (third.map { "\(first).\(second).\($0)" } ?? "\(first).\(second)"))
        #expect(KeyPath.child(first, key: second) == (first.isEmpty ? second : "\(first).\(second)"))
        for index in [0, 7, 10, 12345] { #expect(KeyPath.item(expected, index: index) == "\(expected)[\(index)]") }
    }

    @Test func marksReachAncestorsAndDescendants() {
        let keys = ["services", "services.api", "services.api.deploy", "services.api.deploy.replicas", "services.db", "services.db.image"]
        var marks = KeyPathMarks(paths: keys)
        let nodes = marks.keyPaths.map(\.node)
        marks.mark("services.api.deploy.replicas", .used)
        // A key absent from the file marks nothing of its own, but its parent has a used part.
        marks.mark("services.db.user", .used)
        #expect(marks.isRelated(node: nodes[3], to: .used))  // itself
        #expect(marks.isRelated(node: nodes[2], to: .used))  // a descendant was used
        #expect(marks.isRelated(node: nodes[4], to: .used))  // the absent key's parent
        #expect(!marks.isRelated(node: nodes[5], to: .used))  // a sibling of the absent key
        #expect(!marks.isRelated(node: nodes[2], to: .reported))
        marks.mark("services.api", .reported)
        #expect(marks.isRelated(node: nodes[3], to: .reported))  // an ancestor was reported
        #expect(!marks.isRelated(node: nodes[5], to: .reported))
    }

    @Test func anAbsentKeyMarksItsNearestAncestorWhateverWasFoundBefore() {
        let keys = [
            "services", "services.api", "services.api.ports", "services.api.ports[0]", "services.api.ports[0].target",
            "services.api.labels", "services.api.labels.a", "services.db", "services.db.image",
        ]
        var marks = KeyPathMarks(paths: keys)
        let node = Dictionary(uniqueKeysWithValues: marks.keyPaths.map { ($0.path, $0.node) })
        func used(_ key: String) -> Bool { marks.isRelated(node: node[key]!, to: .used) }
        func reported(_ key: String) -> Bool { marks.isRelated(node: node[key]!, to: .reported) }
        // ports[0] is the nearest ancestor.
        marks.mark("services.api.ports[0].protocol", .used)
        #expect(used("services.api.ports[0]") && used("services.api") && !used("services.api.ports[0].target"))
        // The ancestor found last (ports[0]) is this key's too.
        marks.mark("services.api.ports[0].host_ip", .reported)
        #expect(reported("services.api.ports[0]") && !reported("services.api.ports[0].target"))
        // ports[0], found last, is no ancestor of ports[1]: ports is.
        marks.mark("services.api.ports[1].target", .reported)
        #expect(reported("services.api.ports") && !reported("services.api.labels"))
        // labels is found last; labelsx starts like it but is no key below it: api is its ancestor.
        marks.mark("services.api.labels.zz", .used)
        #expect(used("services.api.labels") && !used("services.api.labels.a"))
        marks.mark("services.api.labelsx", .reported)
        #expect(!reported("services.api.labels") && reported("services.api"))
        // Several absent levels below a key that exists.
        marks.mark("services.api.ports[0].target.x.y", .used)
        #expect(used("services.api.ports[0].target") && !used("services.api.labels.a"))
        marks.mark("services.db.deploy.replicas", .used)
        #expect(used("services.db") && !used("services.db.image"))
        // Of a key that is absent, only its ancestors' own marks count.
        #expect(!marks.isRelated("services.api.ports[0].protocol", to: .used))
        marks.mark("services.api.ports", .used)
        #expect(marks.isRelated("services.api.ports[0].protocol", to: .used))
        #expect(!marks.isRelated("services.db.image.tag", to: .used))
    }

    @Test func byteSearchAndReplace() {
        #expect("a{{b{{".replacingBytes("{{", with: "<>") == "a<>b<>")
        #expect("naïve | x".replacingBytes("|", with: "\\|") == "naïve \\| x")
        #expect("postgres://u:p@db".utf8Offset(of: "://") == 8)
        #expect("abc".utf8Offset(of: "abcd") == nil)
        #expect(" \t 5m \u{00A0}".trimmingSpaces() == "5m")
    }

    /// The search skips to candidates of the first byte; a candidate that fails does not hide a
    /// match starting inside it, and a match ending at the last byte counts.
    @Test(
        arguments: [
            ("aaab", "aab", 0, 1), ("xx{{y{{", "{{", 3, 5), ("abc", "abc", 0, 0), ("abc", "c", 0, 2), ("ab", "abc", 0, nil),
            ("abcabc", "abc", 1, 3), ("abc", "abc", 1, nil), ("", "a", 0, nil), ("__a__b", "__b", 0, 3),
        ] as [(String, String, Int, Int?)])
    func byteSearchFindsTheFirstOccurrenceFromAnOffset(text: String, pattern: String, start: Int, expected: Int?) {
        let found = Array(text.utf8).withUnsafeBufferPointer { bytes in
            Array(pattern.utf8).withUnsafeBufferPointer { ByteSearch.firstOffset(of: $0, in: bytes, from: start) }
        }
        #expect(found == expected)
    }

    /// Generation records carry this hash: these values, worked out by an independent
    /// implementation, pin it. Texts of one length that differ in any one byte hash apart.
    @Test func theContentHashIsPinnedAndTellsOneByteApart() {
        #expect(StableHash.hex(StableHash.words64("")) == "90f8749b0fb13233")
        #expect(StableHash.hex(StableHash.words64("a")) == "5e7e33eb895aaaa4")
        #expect(StableHash.hex(StableHash.words64("compose2kube writes this\n")) == "e53d2039fe922eba")
        #expect(StableHash.hex(StableHash.words64("apiVersion: v1\nkind: Service\n")) == "1d26fabf52c44717")
        let text = Array("spec:\n  replicas: 1\n  image: x".utf8)
        var hashes = Set([StableHash.words64(String(decoding: text, as: UTF8.self))])
        for index in text.indices {
            var changed = text
            changed[index] ^= 0x01
            hashes.insert(StableHash.words64(String(decoding: changed, as: UTF8.self)))
        }
        #expect(hashes.count == text.count + 1)
    }

    /// A service's key is marked by name, and a name that starts like another is not its ancestor.
    @Test func aServicesKeyIsMarkedByNameAndAPrefixOfANameIsNoAncestor() {
        var marks = KeyPathMarks(paths: ["services.s3.environment.K3", "services.s4.environment.K4", "services.s40"])
        let ids = marks.keyPaths.map(\.node)
        marks.mark(KeyPath.ofService("s3", key: "environment.K3"), .used)
        marks.mark(KeyPath.ofService("s4", key: "environment.absent"), .reported)
        #expect(marks.isRelated(node: ids[0], to: .used) && marks.isRelated("services.s3", to: .used))
        #expect(!marks.isRelated(node: ids[1], to: .used) && !marks.isRelated(node: ids[1], to: .reported))
        #expect(marks.isRelated("services.s4.environment", to: .reported), "the absent key's nearest ancestor")
        #expect(!marks.isRelated("services.s40", to: .reported), "s4 is a prefix of s40's name, not its ancestor")
    }
}
