import Testing

@testable import Converter

@Suite struct PortsRuleTests {
    @Test func publishedPortsMakeANodePortNamedAfterTheService() throws {
        let web = service("web") {
            $0.ports = [Port(target: 80, published: "8080"), Port(target: 443, published: "30443"), Port(target: 53, proto: .udp)]
            $0.expose = ["9000", "80"]
        }
        let result = try convert(project([web]))
        guard case .service(let object)? = result.object("Service", "web") else {
            Issue.record("no Service")
            return
        }
        #expect(object.type == .nodePort)
        #expect(object.ports.map(\.name) == ["tcp-80", "tcp-443", "udp-53", "tcp-9000"])
        #expect(object.ports.map(\.port) == [80, 443, 53, 9000])
        #expect(object.ports.map(\.nodePort) == [nil, 30443, nil, nil])
        #expect(result.workload("web")?.container?.ports.map(\.containerPort) == [80, 443, 53, 9000])
    }

    @Test func exposeOnlyIsClusterIPAndExposeFlagWins() throws {
        let db = service("db") { $0.expose = ["3306"] }
        let web = service("web") { $0.ports = [Port(target: 80, published: "80")] }
        var options = ConversionOptions()
        options.expose = .loadbalancer
        let result = try convert(project([db, web]), options: options)
        guard case .service(let database)? = result.object("Service", "db"), case .service(let front)? = result.object("Service", "web")
        else {
            Issue.record("missing Services")
            return
        }
        #expect(database.type == .clusterIP)
        #expect(front.type == .loadBalancer)
    }

    @Test func aliasesBecomeExtraServices() throws {
        let db = service("db") {
            $0.expose = ["5432"]
            $0.networks = [ServiceNetwork(name: "back", aliases: ["database"])]
        }
        let api = service("api") { $0.links = ["db:pg"] }
        let result = try convert(project([api, db]))
        #expect(result.object("Service", "database") != nil)
        #expect(result.object("Service", "pg") != nil)
    }

    @Test func portsPublishedOnlyOnLoopbackStayClusterIP() throws {
        let db = service("db") { $0.ports = [Port(target: 5432, published: "5432", hostIP: "127.0.0.1")] }
        let web = service("web") { $0.ports = [Port(target: 80, published: "8080", hostIP: "10.0.0.5")] }
        let result = try convert(project([db, web]))
        #expect(result.warnings(about: "services.db.ports[0]").first?.contains("published only on 127.0.0.1") == true)
        #expect(result.warnings(about: "services.web.ports[0]").first?.contains("host IP 10.0.0.5") == true)
        guard case .service(let database)? = result.object("Service", "db"), case .service(let front)? = result.object("Service", "web")
        else { return #expect(Bool(false)) }
        #expect(database.type == .clusterIP && database.ports.allSatisfy { $0.nodePort == nil })
        #expect(front.type == .nodePort)
    }
}
