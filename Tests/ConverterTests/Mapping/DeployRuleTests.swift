import Testing

@testable import Converter

@Suite struct DeployRuleTests {
    @Test func resourcesGPUPlacementReplicasAndBudget() throws {
        let inference = service("inference") {
            var deploy = Deploy()
            deploy.replicas = 3
            deploy.limits = ResourceSpec(cpus: 0.5, memory: 536_870_912)
            deploy.reservations = ResourceSpec(
                cpus: 0.25, memory: 268_435_456, devices: [DeviceRequest(driver: "nvidia", count: 1, capabilities: ["gpu"])])
            deploy.placementConstraints = ["node.labels.accelerator==nvidia", "node.role==worker"]
            $0.deploy = deploy
        }
        let result = try convert(project([inference]))
        let workload = try #require(result.workload("inference"))
        let resources = try #require(workload.container?.resources)
        #expect(resources.requests.map { "\($0.0)=\($0.1)" } == ["cpu=250m", "memory=256Mi"])
        #expect(resources.limits.map { "\($0.0)=\($0.1)" } == ["cpu=500m", "memory=512Mi", "nvidia.com/gpu=1"])
        #expect(workload.pod.nodeSelector == ["accelerator": "nvidia"], "no GPU node label unless asked for: the resource places the pod")
        #expect(workload.pod.tolerations == [GPU.toleration] && workload.pod.runtimeClassName == nil)
        #expect(workload.replicas == 3)
        #expect(result.object("PodDisruptionBudget", "inference") != nil)
        #expect(result.warnings(about: "services.inference.deploy.placement.constraints[1]").count == 1)
    }

    @Test func deviceIDsCountTheGPUs() throws {
        let trainer = service("trainer") {
            var deploy = Deploy()
            deploy.reservations = ResourceSpec(devices: [DeviceRequest(driver: "nvidia", deviceIDs: ["0", "1"], capabilities: ["gpu"])])
            $0.deploy = deploy
        }
        let limits = try #require(try convert(project([trainer])).workload("trainer")?.container?.resources.limits)
        #expect(limits.map { "\($0.0)=\($0.1)" } == ["nvidia.com/gpu=2"])
    }

    @Test func aNegativeGPUCountOtherThanAllIsAnError() throws {
        let trainer = service("trainer") { $0.gpus = [DeviceRequest(count: -3)] }
        let error = try #require(throws: DiagnosticError.self) { try convert(project([trainer])) }
        #expect(error.diagnostics.contains { $0.severity == .error && $0.message == "GPU count -3: give a number of GPUs, or all" })
    }

    @Test func gpusAllIsOneWithAWarning() throws {
        let trainer = service("trainer") {
            $0.gpus = [DeviceRequest(count: -1)]
            $0.resources.cpus = 2
            $0.resources.memLimit = 1_073_741_824
        }
        let result = try convert(project([trainer]))
        #expect(result.workload("trainer")?.container?.resources.limit("nvidia.com/gpu") == "1")
        #expect(result.workload("trainer")?.container?.resources.limit("cpu") == "2")
        #expect(result.workload("trainer")?.container?.resources.limit("memory") == "1Gi")
        #expect(result.warnings(about: "services.trainer.gpus[0]").count == 1)
        #expect(result.object("PodDisruptionBudget", "trainer") == nil)
    }

    @Test func runtimeNvidiaIsAGPULimitCountedFromTheVisibleDevices() throws {
        let one = service("one") { $0.otherKeys["runtime"] = .string("nvidia") }
        let two = service("two") {
            $0.otherKeys["runtime"] = .string("nvidia")
            $0.environment = ["NVIDIA_VISIBLE_DEVICES": "0,1"]
        }
        let all = service("all") {
            $0.otherKeys["runtime"] = .string("nvidia")
            $0.environment = ["NVIDIA_VISIBLE_DEVICES": "all"]
        }
        let other = service("other") { $0.otherKeys["runtime"] = .string("runsc") }
        let result = try convert(project([one, two, all, other]))
        #expect(result.workload("one")?.container?.resources.limit(GPU.resource) == "1")
        #expect(result.workload("two")?.container?.resources.limit(GPU.resource) == "2")
        #expect(result.workload("all")?.container?.resources.limit(GPU.resource) == "1")
        #expect(result.warnings(about: "services.all.runtime").count == 1)
        #expect(result.workload("other")?.container?.resources.limit(GPU.resource) == nil)
        #expect(result.warnings(about: "services.one.runtime").isEmpty)
    }

    @Test func gpuNodeSelectorAndRuntimeClassOnlyWhenAsked() throws {
        let inference = service("inference") { $0.gpus = [DeviceRequest(count: 1)] }
        let plain = try #require(try convert(project([inference])).workload("inference")?.pod)
        #expect(plain.nodeSelector.isEmpty && plain.runtimeClassName == nil && plain.tolerations == [GPU.toleration])
        var options = ConversionOptions()
        options.gpuPlacement = GPU.Placement(nodeSelector: ["nvidia.com/gpu.present": "true"], runtimeClassName: "nvidia")
        let placed = try #require(try convert(project([inference]), options: options).workload("inference")?.pod)
        #expect(placed.nodeSelector == ["nvidia.com/gpu.present": "true"] && placed.runtimeClassName == "nvidia")
        let cpu = try #require(try convert(project([service("cpu")]), options: options).workload("cpu")?.pod)
        #expect(cpu.nodeSelector.isEmpty && cpu.runtimeClassName == nil && cpu.tolerations.isEmpty, "only GPU pods are placed")
    }

    @Test(arguments: [
        ("linux/arm64", ["kubernetes.io/arch": "arm64"], 0), ("linux/amd64", ["kubernetes.io/arch": "amd64"], 0),
        ("linux/arm64/v8", ["kubernetes.io/arch": "arm64"], 0), ("linux/arm/v7", ["kubernetes.io/arch": "arm"], 1),
        ("windows/amd64", ["kubernetes.io/arch": "amd64", "kubernetes.io/os": "windows"], 0), ("arm64", [:], 1),
    ])
    func platformSelectsTheArchitecture(platform: String, selector: [String: String], warnings: Int) throws {
        let api = service("api") { $0.platform = platform }
        let result = try convert(project([api]))
        #expect(result.workload("api")?.pod.nodeSelector == selector)
        #expect(result.warnings(about: "services.api.platform").count == warnings)
    }

    @Test func quantities() {
        #expect(Quantity.cpu(0.5) == "500m" && Quantity.cpu(2) == "2" && Quantity.cpu(1.5) == "1500m")
        #expect(Quantity.memory(536_870_912) == "512Mi" && Quantity.memory(1_073_741_824) == "1Gi" && Quantity.memory(1000) == "1000")
    }
}
