/// Builds `Deploy` from a service's `deploy:` mapping.
struct DeployDecoder {
    static let knownKeys = ComposeKeys.deploy.fieldNames
    let context: DecodingContext

    func decode(_ reader: NodeReader) -> Deploy {
        reader.reportUnknownKeys(known: Self.knownKeys, what: "deploy")
        var deploy = Deploy()
        deploy.mode = reader.string("mode")
        deploy.replicas = reader.int("replicas")
        deploy.labels = reader.labels("labels")
        deploy.endpointMode = reader.string("endpoint_mode")
        if let resources = reader.child("resources") {
            resources.reportUnknownKeys(known: ComposeKeys.deploy[field: "resources"]?.fieldNames ?? [], what: "resources")
            deploy.limits = resources.child("limits").map(resourceSpec) ?? ResourceSpec()
            deploy.reservations = resources.child("reservations").map(resourceSpec) ?? ResourceSpec()
        }
        if let placement = reader.child("placement") {
            placement.reportUnknownKeys(known: ComposeKeys.deploy[field: "placement"]?.fieldNames ?? [], what: "placement")
            deploy.placementConstraints = placement.strings("constraints")
            deploy.placementPreferences = placement.list("preferences").map { JSONValue($0.node) }
            if let max = placement.json("max_replicas_per_node") { deploy.options["max_replicas_per_node"] = max }
        }
        if let policy = reader.child("restart_policy") {
            policy.reportUnknownKeys(known: ComposeKeys.deploy[field: "restart_policy"]?.fieldNames ?? [], what: "restart_policy")
            deploy.restartPolicy = RestartPolicy(
                condition: policy.string("condition"), delay: policy.duration("delay"),
                maxAttempts: policy.int("max_attempts"), window: policy.duration("window"))
        }
        for key in ["update_config", "rollback_config"] {
            if let value = reader.json(key) { deploy.options[key] = value }
        }
        return deploy
    }

    private func resourceSpec(_ reader: NodeReader) -> ResourceSpec {
        reader.reportUnknownKeys(known: ComposeKeys.resourceSpec.fieldNames, what: "resources")
        var spec = ResourceSpec()
        spec.cpus = reader.double("cpus")
        spec.memory = reader.byteSize("memory")
        spec.pids = reader.int("pids")
        let decoder = ServiceDecoder(context: context)
        spec.devices = reader.list("devices").compactMap { decoder.decodeDeviceRequest($0.node, path: $0.path) }
        spec.genericResources = reader.list("generic_resources").map { JSONValue($0.node) }
        return spec
    }
}
