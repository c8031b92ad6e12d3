//! Table tests for the task-definition rules (catalogue §2.1–2.11): each rule with a failing
//! and a passing case.

mod common;

use common::*;
use serde_json::json;
use validate::{check, Kind};

fn cpu_mem(cpu: &str, mem: &str) -> serde_json::Value {
    json!({"cpu": cpu, "memory": mem})
}

fn general() -> Vec<Case> {
    vec![
        case!(
            "TD-GEN-001",
            Error,
            "family",
            td(fargate(), json!({"family": "my app"})),
            td(fargate(), json!({"family": "my-app_2"}))
        ),
        case!(
            "TD-GEN-002",
            Error,
            "containerDefinitions",
            td(fargate(), json!({"containerDefinitions": []})),
            fargate()
        ),
        case!(
            "TD-GEN-003",
            Error,
            "containerDefinitions",
            {
                let mut d = fargate();
                let c = d["containerDefinitions"][0].clone();
                d["containerDefinitions"] = (0..11)
                    .map(|i| {
                        let mut x = c.clone();
                        x["name"] = json!(format!("c{i}"));
                        x
                    })
                    .collect();
                d
            },
            {
                let mut d = td(fargate(), json!({"cpu": "4096", "memory": "8192"}));
                let c = d["containerDefinitions"][0].clone();
                d["containerDefinitions"] = (0..10)
                    .map(|i| {
                        let mut x = c.clone();
                        x["name"] = json!(format!("c{i}"));
                        x["portMappings"] = json!([{"containerPort": 8000 + i}]);
                        x
                    })
                    .collect();
                d
            }
        ),
        case!(
            "TD-GEN-004",
            Error,
            "containerDefinitions[0].name",
            c0(fargate(), json!({"name": ""})),
            fargate()
        ),
        case!(
            "TD-GEN-005",
            Error,
            "containerDefinitions[1].name",
            with_container(
                fargate(),
                json!({"name": "app", "image": "busybox:1", "essential": false})
            ),
            with_container(
                fargate(),
                json!({"name": "sidecar", "image": "busybox:1", "essential": false})
            )
        ),
        case!(
            "TD-GEN-006",
            Error,
            "",
            td(
                fargate(),
                json!({"tags": [{"key": "big", "value": "x".repeat(200)}], "family": "f".repeat(200), "containerDefinitions": [{"name": "app", "image": "nginx:1", "command": vec!["y".repeat(1000); 70]}]})
            ),
            fargate()
        ),
        case!(
            "TD-GEN-007",
            Error,
            "requiresCompatibilities[0]",
            td(ec2(), json!({"requiresCompatibilities": ["EC3"]})),
            ec2()
        ),
        case!(
            "TD-GEN-008",
            Warning,
            "requiresCompatibilities",
            td(fargate(), json!({"requiresCompatibilities": null})),
            fargate()
        )
        .ctx(ctx_launch("FARGATE")),
        case!(
            "TD-GEN-009",
            Error,
            "placementConstraints",
            td(
                ec2(),
                json!({"placementConstraints": vec![json!({"type": "memberOf", "expression": "attribute:ecs.instance-type =~ t3.*"}); 11]})
            ),
            td(
                ec2(),
                json!({"placementConstraints": vec![json!({"type": "memberOf", "expression": "attribute:ecs.instance-type =~ t3.*"}); 10]})
            )
        ),
        case!(
            "TD-GEN-010",
            Error,
            "placementConstraints[0].type",
            td(
                ec2(),
                json!({"placementConstraints": [{"type": "distinctInstance"}]})
            ),
            td(
                ec2(),
                json!({"placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.os-type == linux"}]})
            )
        ),
        case!(
            "TD-GEN-011",
            Error,
            "placementConstraints",
            td(
                fargate(),
                json!({"placementConstraints": [{"type": "memberOf", "expression": "x"}]})
            ),
            fargate()
        ),
        case!(
            "TD-GEN-012",
            Warning,
            "inferenceAccelerators",
            td(
                ec2(),
                json!({"inferenceAccelerators": [{"deviceName": "d1", "deviceType": "eia2.medium"}]})
            ),
            ec2()
        ),
        case!(
            "TD-GEN-013",
            Error,
            "containerDefinitions[0].resourceRequirements[0].value",
            c0(
                td(
                    ec2(),
                    json!({"inferenceAccelerators": [{"deviceName": "d1", "deviceType": "eia2.medium"}]})
                ),
                json!({"resourceRequirements": [{"type": "InferenceAccelerator", "value": "d2"}]})
            ),
            c0(
                td(
                    ec2(),
                    json!({"inferenceAccelerators": [{"deviceName": "d1", "deviceType": "eia2.medium"}]})
                ),
                json!({"resourceRequirements": [{"type": "InferenceAccelerator", "value": "d1"}]})
            )
        ),
        case!(
            "TD-GEN-014",
            Error,
            "containerDefinitions[0].resourceRequirements[0].type",
            c0(
                fargate(),
                json!({"resourceRequirements": [{"type": "GPU", "value": "1"}]})
            ),
            c0(
                ec2(),
                json!({"resourceRequirements": [{"type": "GPU", "value": "1"}]})
            )
        ),
        case!(
            "TD-GEN-015",
            Error,
            "containerDefinitions[0].resourceRequirements[0]",
            c0(
                td(
                    ec2(),
                    json!({"requiresCompatibilities": ["MANAGED_INSTANCES"]})
                ),
                json!({"resourceRequirements": [{"type": "NeuronDevice", "value": "2"}]})
            ),
            c0(
                td(
                    ec2(),
                    json!({"requiresCompatibilities": ["MANAGED_INSTANCES"]})
                ),
                json!({"resourceRequirements": [{"type": "NeuronDevice", "value": "ALL"}]})
            )
        ),
        case!(
            "TD-GEN-016",
            Error,
            "proxyConfiguration.containerName",
            td(
                fargate(),
                json!({"proxyConfiguration": {"type": "APPMESH", "containerName": "envoy"}})
            ),
            td(
                fargate(),
                json!({"proxyConfiguration": {"type": "APPMESH", "containerName": "app"}})
            )
        ),
        case!(
            "TD-GEN-017",
            Error,
            "tags[1].key",
            td(
                fargate(),
                json!({"tags": [{"key": "team", "value": "a"}, {"key": "team", "value": "b"}]})
            ),
            td(
                fargate(),
                json!({"tags": [{"key": "team", "value": "a"}, {"key": "env", "value": "prod"}]})
            )
        ),
        case!(
            "TD-GEN-018",
            Error,
            "tags[0].key",
            td(
                fargate(),
                json!({"tags": [{"key": "AWS:owner", "value": "a"}]})
            ),
            td(fargate(), json!({"tags": [{"key": "owner", "value": "a"}]}))
        ),
        case!(
            "TD-GEN-019",
            Error,
            "containerDefinitions[0].credentialSpecs[0]",
            c0(
                windows(),
                json!({"credentialSpecs": ["arn:aws:s3:::bucket/spec.json"]})
            ),
            c0(
                windows(),
                json!({"credentialSpecs": ["credentialspec:arn:aws:s3:::bucket/spec.json"]})
            )
        ),
        case!(
            "TD-GEN-020",
            Error,
            "containerDefinitions[0].dockerSecurityOptions",
            c0(
                fargate(),
                json!({"dockerSecurityOptions": ["no-new-privileges"]})
            ),
            c0(
                ec2(),
                json!({"dockerSecurityOptions": ["no-new-privileges"]})
            )
        ),
    ]
}

fn live() -> Vec<Case> {
    use validate::Context;
    vec![
        case!(
            "IAM-018",
            Error,
            "executionRoleArn",
            fargate(),
            td(
                fargate(),
                json!({"executionRoleArn": "arn:aws:iam::123456789012:role/other"})
            )
        )
        .ctx(Context {
            roles_caller_cannot_pass: vec![EXEC_ROLE.into()],
            ..Context::default()
        }),
        case!(
            "TD-MISC-005",
            Warning,
            "containerDefinitions[0].dockerLabels",
            c0(ec2(), json!({"dockerLabels": {"team": "a"}})),
            ec2()
        )
        .ctx(Context {
            docker_api_version: Some("1.17".into()),
            ..Context::default()
        }),
        case!(
            "VOL-FSX-007",
            Error,
            "volumes[0].fsxLustreVolumeConfiguration",
            td(
                ec2(),
                json!({"volumes": [{"name": "l", "fsxLustreVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0"}}]})
            ),
            ec2()
        ),
    ]
}

fn size() -> Vec<Case> {
    vec![
        case!(
            "TD-CPU-001",
            Error,
            "memory",
            td(fargate(), json!({"memory": null})),
            fargate()
        ),
        case!(
            "TD-CPU-002",
            Error,
            "cpu",
            td(fargate(), cpu_mem("300", "1024")),
            td(fargate(), cpu_mem(".5 vCPU", "1GB"))
        ),
        case!(
            "TD-CPU-003",
            Error,
            "memory",
            td(fargate(), cpu_mem("256", "4096")),
            td(fargate(), cpu_mem("256", "2 GB"))
        ),
        case!(
            "TD-CPU-004",
            Error,
            "cpu",
            td(fargate(), cpu_mem("8 vCPU", "16 GB")),
            td(fargate(), cpu_mem("4 vCPU", "16 GB"))
        )
        .ctx(ctx_platform("1.3.0")),
        case!(
            "TD-CPU-005",
            Error,
            "cpu",
            td(
                fargate(),
                json!({"cpu": "512", "memory": "1024", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}})
            ),
            td(
                fargate(),
                json!({"cpu": "1024", "memory": "2048", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}})
            )
        ),
        case!(
            "TD-CPU-006",
            Error,
            "cpu",
            td(ec2(), json!({"cpu": "64"})),
            td(ec2(), json!({"cpu": "128"}))
        ),
        case!(
            "TD-CPU-007",
            Error,
            "containerDefinitions",
            c0(fargate(), json!({"cpu": 512})),
            c0(fargate(), json!({"cpu": 256}))
        ),
        case!(
            "TD-CPU-008",
            Warning,
            "cpu",
            td(windows(), json!({"cpu": "2048"})),
            windows()
        ),
        case!(
            "TD-MEM-001",
            Error,
            "containerDefinitions[0].memory",
            c0(ec2(), json!({"memory": null})),
            c0(ec2(), json!({"memory": null, "memoryReservation": 128}))
        ),
        case!(
            "TD-MEM-002",
            Error,
            "containerDefinitions[0].memoryReservation",
            c0(ec2(), json!({"memoryReservation": 512})),
            c0(ec2(), json!({"memoryReservation": 256}))
        ),
        case!(
            "TD-MEM-003",
            Error,
            "containerDefinitions",
            c0(fargate(), json!({"memoryReservation": 600})),
            c0(fargate(), json!({"memoryReservation": 512}))
        ),
        case!(
            "TD-MEM-004",
            Error,
            "containerDefinitions[0].memory",
            c0(fargate(), json!({"memory": 1024})),
            c0(fargate(), json!({"memory": 512}))
        ),
        case!(
            "TD-MEM-005",
            Warning,
            "containerDefinitions",
            with_container(
                c0(fargate(), json!({"memory": 400})),
                json!({"name": "side", "image": "busybox:1", "memory": 400, "essential": false})
            ),
            with_container(
                c0(fargate(), json!({"memory": 256})),
                json!({"name": "side", "image": "busybox:1", "memory": 256, "essential": false})
            )
        ),
        case!(
            "TD-MEM-006",
            Warning,
            "containerDefinitions[0].memory",
            c0(ec2(), json!({"memory": 4})),
            ec2()
        ),
        case!(
            "TD-MEM-008",
            Warning,
            "containerDefinitions[0].memoryReservation",
            c0(windows(), json!({"memoryReservation": 1024})),
            windows()
        ),
    ]
}

fn network() -> Vec<Case> {
    let ec2_mode = |m: &str| td(ec2(), json!({"networkMode": m}));
    vec![
        case!(
            "TD-NET-001",
            Error,
            "networkMode",
            td(fargate(), json!({"networkMode": "bridge"})),
            fargate()
        ),
        case!(
            "TD-NET-002",
            Error,
            "networkMode",
            td(windows(), json!({"networkMode": "bridge"})),
            td(
                windows(),
                json!({"networkMode": "awsvpc", "containerDefinitions": [{"name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis:ltsc2022", "cpu": 1024, "memory": 2048, "portMappings": [{"containerPort": 80}]}]})
            )
        ),
        case!(
            "TD-NET-003",
            Error,
            "networkMode",
            td(
                ec2(),
                json!({"requiresCompatibilities": ["EXTERNAL"], "networkMode": "awsvpc", "containerDefinitions": [{"name": "app", "image": "nginx:1", "memory": 256}]})
            ),
            td(ec2(), json!({"requiresCompatibilities": ["EXTERNAL"]}))
        ),
        case!(
            "TD-NET-004",
            Warning,
            "containerDefinitions[0].user",
            c0(
                td(ec2(), json!({"networkMode": "host"})),
                json!({"user": "root", "portMappings": []})
            ),
            c0(
                td(ec2(), json!({"networkMode": "host"})),
                json!({"user": "1000", "portMappings": []})
            )
        ),
        case!(
            "TD-NET-005",
            Error,
            "containerDefinitions[0].links",
            with_container(
                c0(
                    td(ec2(), json!({"networkMode": "awsvpc"})),
                    json!({"links": ["db"], "portMappings": []})
                ),
                json!({"name": "db", "image": "postgres:16", "memory": 256})
            ),
            with_container(
                c0(ec2(), json!({"links": ["db:database"]})),
                json!({"name": "db", "image": "postgres:16", "memory": 256})
            )
        ),
        case!(
            "TD-NET-006",
            Error,
            "containerDefinitions[0].links[0]",
            c0(ec2(), json!({"links": ["cache"]})),
            with_container(
                c0(ec2(), json!({"links": ["cache"]})),
                json!({"name": "cache", "image": "redis:7", "memory": 128})
            )
        ),
        case!(
            "TD-NET-007",
            Error,
            "containerDefinitions[0].hostname",
            c0(fargate(), json!({"hostname": "web"})),
            c0(ec2(), json!({"hostname": "web"}))
        ),
        case!(
            "TD-NET-008",
            Error,
            "containerDefinitions[0].extraHosts",
            c0(
                fargate(),
                json!({"extraHosts": [{"hostname": "db", "ipAddress": "10.0.0.5"}]})
            ),
            c0(
                ec2(),
                json!({"extraHosts": [{"hostname": "db", "ipAddress": "10.0.0.5"}]})
            )
        ),
        case!(
            "TD-NET-009",
            Error,
            "containerDefinitions[0].dnsServers",
            c0(fargate(), json!({"dnsServers": ["10.0.0.2"]})),
            c0(ec2(), json!({"dnsServers": ["10.0.0.2"]}))
        ),
        case!(
            "TD-PORT-001",
            Error,
            "containerDefinitions[0].portMappings",
            ec2_mode("none"),
            c0(ec2_mode("none"), json!({"portMappings": []}))
        ),
        case!(
            "TD-PORT-002",
            Error,
            "containerDefinitions[0].portMappings[0].hostPort",
            c0(
                fargate(),
                json!({"portMappings": [{"containerPort": 80, "hostPort": 8080}]})
            ),
            c0(
                fargate(),
                json!({"portMappings": [{"containerPort": 80, "hostPort": 80}]})
            )
        ),
        case!(
            "TD-PORT-003",
            Error,
            "containerDefinitions[0].portMappings[0].containerPort",
            c0(
                fargate(),
                json!({"portMappings": [{"containerPort": 70000}]})
            ),
            fargate()
        ),
        case!(
            "TD-PORT-004",
            Warning,
            "containerDefinitions[0].portMappings[0].hostPort",
            c0(
                ec2(),
                json!({"portMappings": [{"containerPort": 80, "hostPort": 2375}]})
            ),
            ec2()
        ),
        case!(
            "TD-PORT-005",
            Warning,
            "containerDefinitions[0].portMappings[0].hostPort",
            c0(
                ec2(),
                json!({"portMappings": [{"containerPort": 80, "hostPort": 40000}]})
            ),
            c0(
                ec2(),
                json!({"portMappings": [{"containerPort": 80, "hostPort": 0}]})
            )
        ),
        case!(
            "TD-PORT-006",
            Error,
            "containerDefinitions[0].portMappings[0].protocol",
            c0(
                fargate(),
                json!({"portMappings": [{"containerPort": 80, "protocol": "http"}]})
            ),
            fargate()
        ),
        case!(
            "TD-PORT-007",
            Error,
            "containerDefinitions[0].portMappings[1].protocol",
            c0(
                fargate(),
                json!({"portMappings": [{"containerPort": 53, "protocol": "tcp"}, {"containerPort": 53, "protocol": "udp"}]})
            ),
            c0(
                fargate(),
                json!({"portMappings": [{"containerPort": 53, "protocol": "udp"}]})
            )
        ),
        case!(
            "TD-PORT-008",
            Error,
            "containerDefinitions[0].portMappings[0].containerPortRange",
            c0(
                td(ec2(), json!({"networkMode": "host"})),
                json!({"user": "1000", "portMappings": [{"containerPortRange": "8000-8010"}]})
            ),
            c0(
                ec2(),
                json!({"portMappings": [{"containerPortRange": "8000-8010"}]})
            )
        ),
        case!(
            "TD-PORT-009",
            Error,
            "containerDefinitions[0].portMappings[0].containerPortRange",
            c0(
                fargate(),
                json!({"portMappings": [{"containerPortRange": "9000-8000"}]})
            ),
            c0(
                fargate(),
                json!({"portMappings": [{"containerPortRange": "8000-9000"}]})
            )
        ),
        case!(
            "TD-PORT-010",
            Error,
            "containerDefinitions[0].portMappings[1]",
            c0(
                fargate(),
                json!({"portMappings": [{"containerPortRange": "8000-8010"}, {"containerPort": 8005}]})
            ),
            c0(
                fargate(),
                json!({"portMappings": [{"containerPortRange": "8000-8010"}, {"containerPort": 8011}]})
            )
        ),
        case!(
            "TD-PORT-011",
            Error,
            "containerDefinitions[0].portMappings[0].containerPort",
            c0(
                fargate(),
                json!({"portMappings": [{"containerPortRange": "8000-8010", "containerPort": 8000}]})
            ),
            c0(
                fargate(),
                json!({"portMappings": [{"containerPortRange": "8000-8010"}]})
            )
        ),
        case!(
            "TD-PORT-012",
            Error,
            "containerDefinitions[0].portMappings[0].name",
            c0(
                fargate(),
                json!({"portMappings": [{"containerPort": 80, "name": "Http"}]})
            ),
            c0(
                fargate(),
                json!({"portMappings": [{"containerPort": 80, "name": "http"}]})
            )
        ),
        case!(
            "TD-PORT-013",
            Error,
            "containerDefinitions[1].portMappings[0].name",
            with_container(
                c0(
                    fargate(),
                    json!({"portMappings": [{"containerPort": 80, "name": "http"}]})
                ),
                json!({"name": "b", "image": "busybox:1", "essential": false, "portMappings": [{"containerPort": 81, "name": "http"}]})
            ),
            with_container(
                c0(
                    fargate(),
                    json!({"portMappings": [{"containerPort": 80, "name": "http"}]})
                ),
                json!({"name": "b", "image": "busybox:1", "essential": false, "portMappings": [{"containerPort": 81, "name": "admin"}]})
            )
        ),
        case!(
            "TD-PORT-014",
            Error,
            "containerDefinitions[0].portMappings[0].appProtocol",
            c0(
                fargate(),
                json!({"portMappings": [{"containerPort": 80, "appProtocol": "http"}]})
            ),
            c0(
                fargate(),
                json!({"portMappings": [{"containerPort": 80, "appProtocol": "http", "name": "web"}]})
            )
        ),
        case!(
            "TD-PORT-015",
            Error,
            "containerDefinitions[0].portMappings[0].appProtocol",
            c0(
                fargate(),
                json!({"portMappings": [{"containerPort": 80, "appProtocol": "https", "name": "web"}]})
            ),
            c0(
                fargate(),
                json!({"portMappings": [{"containerPort": 80, "appProtocol": "grpc", "name": "web"}]})
            )
        ),
        case!(
            "TD-PORT-016",
            Warning,
            "containerDefinitions[0].portMappings[0].name",
            c0(
                td(ec2(), json!({"networkMode": "host"})),
                json!({"user": "1000", "portMappings": [{"containerPort": 80, "name": "web"}]})
            ),
            c0(
                ec2(),
                json!({"portMappings": [{"containerPort": 80, "hostPort": 8080, "name": "web"}]})
            )
        ),
        case!(
            "TD-PORT-018",
            Error,
            "containerDefinitions[0].portMappings[0].containerPort",
            c0(
                td(
                    fargate(),
                    json!({"cpu": "1024", "memory": "2048", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}})
                ),
                json!({"portMappings": [{"containerPort": 3150}]})
            ),
            td(
                fargate(),
                json!({"cpu": "1024", "memory": "2048", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}})
            )
        ),
    ]
}

fn dependencies() -> Vec<Case> {
    let sidecar = |extra: serde_json::Value| {
        merge(
            &json!({"name": "init", "image": "busybox:1", "essential": false}),
            &extra,
        )
    };
    vec![
        case!(
            "TD-ESS-001",
            Error,
            "containerDefinitions[0].essential",
            c0(fargate(), json!({"essential": false})),
            c0(fargate(), json!({"essential": null}))
        ),
        case!(
            "TD-DEP-001",
            Error,
            "containerDefinitions[0].dependsOn[0].containerName",
            c0(
                fargate(),
                json!({"dependsOn": [{"containerName": "db", "condition": "START"}]})
            ),
            with_container(
                c0(
                    fargate(),
                    json!({"dependsOn": [{"containerName": "init", "condition": "START"}]})
                ),
                sidecar(json!({}))
            )
        ),
        case!(
            "TD-DEP-002",
            Error,
            "containerDefinitions[0].dependsOn[0].condition",
            with_container(
                c0(
                    fargate(),
                    json!({"dependsOn": [{"containerName": "init", "condition": "READY"}]})
                ),
                sidecar(json!({}))
            ),
            with_container(
                c0(
                    fargate(),
                    json!({"dependsOn": [{"containerName": "init", "condition": "COMPLETE"}]})
                ),
                sidecar(json!({}))
            )
        ),
        case!(
            "TD-DEP-003",
            Error,
            "containerDefinitions[0].dependsOn[0].condition",
            with_container(
                c0(
                    fargate(),
                    json!({"dependsOn": [{"containerName": "init", "condition": "SUCCESS"}]})
                ),
                sidecar(json!({"essential": true}))
            ),
            with_container(
                c0(
                    fargate(),
                    json!({"dependsOn": [{"containerName": "init", "condition": "SUCCESS"}]})
                ),
                sidecar(json!({}))
            )
        ),
        case!(
            "TD-DEP-004",
            Error,
            "containerDefinitions[0].dependsOn[0].condition",
            with_container(
                c0(
                    fargate(),
                    json!({"dependsOn": [{"containerName": "init", "condition": "HEALTHY"}]})
                ),
                sidecar(json!({}))
            ),
            with_container(
                c0(
                    fargate(),
                    json!({"dependsOn": [{"containerName": "init", "condition": "HEALTHY"}]})
                ),
                sidecar(json!({"healthCheck": {"command": ["CMD", "true"]}}))
            )
        ),
        case!(
            "TD-DEP-005",
            Error,
            "containerDefinitions[0].dependsOn",
            with_container(
                c0(
                    fargate(),
                    json!({"dependsOn": [{"containerName": "init", "condition": "START"}]})
                ),
                sidecar(json!({"dependsOn": [{"containerName": "app", "condition": "START"}]}))
            ),
            with_container(
                c0(
                    fargate(),
                    json!({"dependsOn": [{"containerName": "init", "condition": "START"}]})
                ),
                sidecar(json!({}))
            )
        ),
        case!(
            "TD-DEP-006",
            Error,
            "containerDefinitions[0].dependsOn",
            with_container(
                c0(
                    fargate(),
                    json!({"dependsOn": [{"containerName": "init", "condition": "START"}]})
                ),
                sidecar(json!({}))
            ),
            fargate()
        )
        .ctx(ctx_platform("1.2.0")),
        case!(
            "TD-DEP-007",
            Error,
            "containerDefinitions[0].stopTimeout",
            c0(fargate(), json!({"stopTimeout": 300})),
            c0(fargate(), json!({"stopTimeout": 120}))
        ),
        case!(
            "TD-DEP-008",
            Error,
            "containerDefinitions[0].volumesFrom[0].sourceContainer",
            c0(ec2(), json!({"volumesFrom": [{"sourceContainer": "data"}]})),
            with_container(
                c0(ec2(), json!({"volumesFrom": [{"sourceContainer": "data"}]})),
                json!({"name": "data", "image": "busybox:1", "memory": 64, "essential": false})
            )
        ),
        case!(
            "TD-DEP-009",
            Warning,
            "containerDefinitions[0].dependsOn",
            with_container(
                c0(
                    ec2(),
                    json!({"logConfiguration": {"logDriver": "awsfirelens"}})
                ),
                json!({"name": "router", "image": "fluent-bit:2", "memory": 64, "essential": false, "firelensConfiguration": {"type": "fluentbit"}})
            ),
            with_container(
                c0(
                    ec2(),
                    json!({"logConfiguration": {"logDriver": "awsfirelens"}, "dependsOn": [{"containerName": "router", "condition": "START"}]})
                ),
                json!({"name": "router", "image": "fluent-bit:2", "memory": 64, "essential": false, "firelensConfiguration": {"type": "fluentbit"}})
            )
        ),
    ]
}

fn health() -> Vec<Case> {
    let hc = |h: serde_json::Value| c0(fargate(), json!({"healthCheck": h}));
    let ok = || json!({"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]});
    vec![
        case!(
            "TD-HC-001",
            Error,
            "containerDefinitions[0].healthCheck.command",
            hc(json!({"command": []})),
            hc(ok())
        ),
        case!(
            "TD-HC-002",
            Error,
            "containerDefinitions[0].healthCheck.command[0]",
            hc(json!({"command": ["curl", "-f", "http://localhost/"]})),
            hc(json!({"command": ["CMD", "curl", "-f", "http://localhost/"]}))
        ),
        case!(
            "TD-HC-003",
            Warning,
            "containerDefinitions[0].healthCheck.command",
            hc(json!({"command": ["CMD-SHELL", "curl", "-f", "http://localhost/"]})),
            hc(ok())
        ),
        case!(
            "TD-HC-004",
            Error,
            "containerDefinitions[0].healthCheck.interval",
            hc(merge(&ok(), &json!({"interval": 1}))),
            hc(merge(&ok(), &json!({"interval": 10})))
        ),
        case!(
            "TD-HC-005",
            Error,
            "containerDefinitions[0].healthCheck.timeout",
            hc(merge(&ok(), &json!({"timeout": 1}))),
            hc(merge(&ok(), &json!({"timeout": 2})))
        ),
        case!(
            "TD-HC-006",
            Error,
            "containerDefinitions[0].healthCheck.retries",
            hc(merge(&ok(), &json!({"retries": 11}))),
            hc(merge(&ok(), &json!({"retries": 10})))
        ),
        case!(
            "TD-HC-007",
            Error,
            "containerDefinitions[0].healthCheck.startPeriod",
            hc(merge(&ok(), &json!({"startPeriod": 400}))),
            hc(merge(&ok(), &json!({"startPeriod": 60})))
        ),
        case!(
            "TD-HC-008",
            Warning,
            "containerDefinitions[0].healthCheck.timeout",
            hc(merge(&ok(), &json!({"interval": 10, "timeout": 10}))),
            hc(merge(&ok(), &json!({"interval": 10, "timeout": 5})))
        ),
        case!(
            "TD-HC-009",
            Warning,
            "containerDefinitions[0].healthCheck.command",
            c0(
                fargate(),
                json!({"image": "gcr.io/distroless/static:nonroot", "healthCheck": ok()})
            ),
            hc(ok())
        ),
        case!(
            "TD-HC-010",
            Error,
            "containerDefinitions[0].healthCheck",
            hc(ok()),
            fargate()
        )
        .ctx(ctx_platform("1.0.0")),
    ]
}

fn logging() -> Vec<Case> {
    let opts = |o: serde_json::Value| {
        let mut d = fargate();
        d["containerDefinitions"][0]["logConfiguration"] =
            json!({"logDriver": "awslogs", "options": o});
        d
    };
    let good = || json!({"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs"});
    let router = json!({"name": "router", "image": "fluent-bit:2", "essential": false, "firelensConfiguration": {"type": "fluentbit"}});
    vec![
        case!(
            "TD-LOG-001",
            Error,
            "containerDefinitions[0].logConfiguration.logDriver",
            c0(ec2(), json!({"logConfiguration": {"logDriver": "loki"}})),
            c0(
                ec2(),
                json!({"logConfiguration": {"logDriver": "json-file"}})
            )
        ),
        case!(
            "TD-LOG-002",
            Error,
            "containerDefinitions[0].logConfiguration.logDriver",
            c0(
                fargate(),
                json!({"logConfiguration": {"logDriver": "json-file"}})
            ),
            fargate()
        ),
        case!(
            "TD-LOG-003",
            Error,
            "containerDefinitions[0].logConfiguration.options.awslogs-group",
            opts(merge(&good(), &json!({"awslogs-group": "bad group!"}))),
            opts(good())
        ),
        case!(
            "TD-LOG-004",
            Error,
            "containerDefinitions[0].logConfiguration.options.awslogs-region",
            opts(merge(&good(), &json!({"awslogs-region": null}))),
            opts(good())
        ),
        case!(
            "TD-LOG-005",
            Error,
            "containerDefinitions[0].logConfiguration.options.awslogs-stream-prefix",
            opts(merge(&good(), &json!({"awslogs-stream-prefix": null}))),
            opts(good())
        ),
        case!(
            "TD-LOG-006",
            Warning,
            "containerDefinitions[0].logConfiguration.options.awslogs-stream-prefix",
            c0(
                ec2(),
                json!({"logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g", "awslogs-region": "us-east-1"}}})
            ),
            c0(
                ec2(),
                json!({"logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs"}}})
            )
        ),
        case!(
            "TD-LOG-007",
            Error,
            "containerDefinitions[0].logConfiguration.options.awslogs-multiline-pattern",
            opts(merge(
                &good(),
                &json!({"awslogs-datetime-format": "%Y", "awslogs-multiline-pattern": "^INFO"})
            )),
            opts(merge(&good(), &json!({"awslogs-datetime-format": "%Y"})))
        ),
        case!(
            "TD-LOG-008",
            Warning,
            "containerDefinitions[0].logConfiguration.options.awslogs-colour",
            opts(merge(&good(), &json!({"awslogs-colour": "blue"}))),
            opts(good())
        ),
        case!(
            "TD-LOG-009",
            Error,
            "containerDefinitions[0].logConfiguration.options.mode",
            opts(merge(&good(), &json!({"mode": "async"}))),
            opts(merge(&good(), &json!({"mode": "non-blocking"})))
        ),
        case!(
            "TD-LOG-010",
            Warning,
            "containerDefinitions[0].logConfiguration.options.max-buffer-size",
            opts(merge(
                &good(),
                &json!({"mode": "blocking", "max-buffer-size": "25m"})
            )),
            opts(merge(
                &good(),
                &json!({"mode": "non-blocking", "max-buffer-size": "25m"})
            ))
        ),
        case!(
            "TD-LOG-012",
            Error,
            "executionRoleArn",
            td(fargate(), json!({"executionRoleArn": null})),
            fargate()
        ),
        case!(
            "TD-LOG-013",
            Error,
            "containerDefinitions[0].logConfiguration.options.splunk-token",
            c0(
                fargate(),
                json!({"logConfiguration": {"logDriver": "splunk", "options": {"splunk-url": "https://splunk:8088"}}})
            ),
            c0(
                fargate(),
                json!({"logConfiguration": {"logDriver": "splunk", "options": {"splunk-url": "https://splunk:8088"}, "secretOptions": [{"name": "splunk-token", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:splunk-AbCdEf"}]}})
            )
        ),
        case!(
            "TD-LOG-014",
            Error,
            "containerDefinitions[0].logConfiguration.logDriver",
            c0(
                fargate(),
                json!({"logConfiguration": {"logDriver": "awsfirelens"}})
            ),
            with_container(
                c0(
                    fargate(),
                    json!({"logConfiguration": {"logDriver": "awsfirelens"}})
                ),
                router.clone()
            )
        ),
        case!(
            "TD-LOG-015",
            Error,
            "containerDefinitions[2].firelensConfiguration",
            with_container(
                with_container(fargate(), router.clone()),
                merge(&router, &json!({"name": "router2"}))
            ),
            with_container(fargate(), router.clone())
        ),
        case!(
            "TD-LOG-016",
            Error,
            "containerDefinitions[1].firelensConfiguration",
            with_container(
                windows(),
                merge(&router, &json!({"cpu": 256, "memory": 256}))
            ),
            windows()
        ),
        case!(
            "TD-LOG-017",
            Error,
            "containerDefinitions[1].firelensConfiguration.options.config-file-type",
            with_container(
                fargate(),
                merge(
                    &router,
                    &json!({"firelensConfiguration": {"options": {"config-file-type": "s3", "config-file-value": "arn:aws:s3:::b/x.conf"}}})
                )
            ),
            with_container(
                fargate(),
                merge(
                    &router,
                    &json!({"firelensConfiguration": {"options": {"config-file-type": "file", "config-file-value": "/x.conf"}}})
                )
            )
        ),
        case!(
            "TD-LOG-018",
            Error,
            "containerDefinitions[0].logConfiguration.options.log-driver-buffer-limit",
            opts(merge(
                &good(),
                &json!({"log-driver-buffer-limit": "1048576"})
            )),
            opts(good())
        ),
    ]
}

fn secrets() -> Vec<Case> {
    let sm = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";
    let sec = |v: &str| {
        c0(
            fargate(),
            json!({"secrets": [{"name": "DB_PASSWORD", "valueFrom": v}]}),
        )
    };
    let envf = |v: &str| {
        c0(
            fargate(),
            json!({"environmentFiles": [{"value": v, "type": "s3"}]}),
        )
    };
    vec![
        case!(
            "TD-SEC-001",
            Error,
            "containerDefinitions[0].secrets[0].name",
            c0(fargate(), json!({"secrets": [{"valueFrom": sm}]})),
            sec(sm)
        ),
        case!(
            "TD-SEC-002",
            Error,
            "containerDefinitions[0].secrets[0].valueFrom",
            sec("secret://db"),
            sec("/prod/db/password")
        ),
        case!(
            "TD-SEC-004",
            Error,
            "containerDefinitions[0].secrets[0].valueFrom",
            sec(&format!("{sm}:password:AWSCURRENT:0123-4567")),
            sec(&format!("{sm}:password:AWSCURRENT:"))
        ),
        case!(
            "TD-SEC-005",
            Error,
            "containerDefinitions[0].secrets[0].valueFrom",
            sec(&format!("{sm}:password::")),
            sec(sm)
        )
        .ctx(ctx_platform("1.3.0")),
        case!(
            "TD-SEC-006",
            Error,
            "executionRoleArn",
            td(
                sec(sm),
                json!({"executionRoleArn": null, "containerDefinitions": [{"name": "app", "image": "nginx:1", "secrets": [{"name": "X", "valueFrom": sm}]}]})
            ),
            sec(sm)
        ),
        case!(
            "TD-SEC-007",
            Warning,
            "containerDefinitions[0].secrets[0].name",
            c0(
                sec(sm),
                json!({"environment": [{"name": "DB_PASSWORD", "value": "x"}]})
            ),
            c0(
                sec(sm),
                json!({"environment": [{"name": "DB_HOST", "value": "db"}]})
            )
        ),
        case!(
            "TD-SEC-008",
            Warning,
            "containerDefinitions[0].environment[0]",
            c0(
                fargate(),
                json!({"environment": [{"name": "DB_PASSWORD", "value": "hunter2"}]})
            ),
            c0(
                fargate(),
                json!({"environment": [{"name": "DB_HOST", "value": "db"}]})
            )
        ),
        case!(
            "TD-ENVF-001",
            Error,
            "containerDefinitions[0].environmentFiles",
            c0(
                fargate(),
                json!({"environmentFiles": vec![json!({"value": "arn:aws:s3:::b/a.env", "type": "s3"}); 11]})
            ),
            envf("arn:aws:s3:::b/a.env")
        ),
        case!(
            "TD-ENVF-002",
            Error,
            "containerDefinitions[0].environmentFiles[0].type",
            c0(
                fargate(),
                json!({"environmentFiles": [{"value": "arn:aws:s3:::b/a.env", "type": "http"}]})
            ),
            envf("arn:aws:s3:::b/a.env")
        ),
        case!(
            "TD-ENVF-003",
            Error,
            "containerDefinitions[0].environmentFiles[0].value",
            envf("s3://b/a.env"),
            envf("arn:aws:s3:::b/app/a.env")
        ),
        case!(
            "TD-ENVF-004",
            Error,
            "containerDefinitions[0].environmentFiles[0].value",
            envf("arn:aws:s3:::b/a.txt"),
            envf("arn:aws:s3:::b/a.env")
        ),
        case!(
            "TD-ENVF-005",
            Error,
            "executionRoleArn",
            td(
                fargate(),
                json!({"executionRoleArn": null, "containerDefinitions": [{"name": "app", "image": "nginx:1", "environmentFiles": [{"value": "arn:aws:s3:::b/a.env", "type": "s3"}]}]})
            ),
            envf("arn:aws:s3:::b/a.env")
        ),
        case!(
            "TD-ENVF-006",
            Error,
            "containerDefinitions[0].environmentFiles",
            envf("arn:aws:s3:::b/a.env"),
            fargate()
        )
        .ctx(ctx_platform("1.3.0")),
        case!(
            "TD-REPO-001",
            Error,
            "containerDefinitions[0].repositoryCredentials.credentialsParameter",
            c0(
                fargate(),
                json!({"image": "ghcr.io/acme/app:1", "repositoryCredentials": {"credentialsParameter": "arn:aws:ssm:us-east-1:123456789012:parameter/x"}})
            ),
            c0(
                fargate(),
                json!({"image": "ghcr.io/acme/app:1", "repositoryCredentials": {"credentialsParameter": sm}})
            )
        ),
        case!(
            "TD-REPO-002",
            Error,
            "executionRoleArn",
            td(
                c0(
                    ec2(),
                    json!({"image": "ghcr.io/acme/app:1", "repositoryCredentials": {"credentialsParameter": sm}})
                ),
                json!({})
            ),
            td(
                c0(
                    ec2(),
                    json!({"image": "ghcr.io/acme/app:1", "repositoryCredentials": {"credentialsParameter": sm}})
                ),
                json!({"executionRoleArn": EXEC_ROLE})
            )
        ),
        case!(
            "TD-REPO-003",
            Warning,
            "containerDefinitions[0].repositoryCredentials",
            c0(
                fargate(),
                json!({"image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1", "repositoryCredentials": {"credentialsParameter": sm}})
            ),
            c0(
                fargate(),
                json!({"image": "ghcr.io/acme/app:1", "repositoryCredentials": {"credentialsParameter": sm}})
            )
        ),
    ]
}

fn image() -> Vec<Case> {
    let img = |i: &str| c0(fargate(), json!({"image": i}));
    let digest = "sha256:".to_string() + &"a".repeat(64);
    vec![
        case!(
            "TD-IMG-001",
            Error,
            "containerDefinitions[0].image",
            img(" "),
            img("nginx:1")
        ),
        case!(
            "TD-IMG-002",
            Error,
            "containerDefinitions[0].image",
            img(&format!("registry.example.com/{}:1", "a".repeat(250))),
            img(&format!(
                "registry.example.com/{}@{digest}",
                "a".repeat(200)
            ))
        ),
        case!(
            "TD-IMG-003",
            Error,
            "containerDefinitions[0].image",
            img("nginx:1 latest"),
            img("nginx:1.25")
        ),
        case!(
            "TD-IMG-004",
            Error,
            "containerDefinitions[0].image",
            img("nginx@sha512:abc"),
            img(&format!("nginx@{digest}"))
        ),
        case!(
            "TD-IMG-005",
            Warning,
            "containerDefinitions[0].image",
            img("docker.io/Library/Nginx:1"),
            img("docker.io/library/nginx:1")
        ),
        case!(
            "TD-IMG-006",
            Error,
            "containerDefinitions[0].image",
            img("123456789012.dkr.ecr.us-east-1.amazonaws.com/Team/Web:1"),
            img("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web:1")
        ),
        case!(
            "TD-IMG-007",
            Warning,
            "containerDefinitions[0].image",
            img("nginx"),
            img("nginx:1.25")
        ),
        case!(
            "TD-IMG-008",
            Error,
            "executionRoleArn",
            td(
                fargate(),
                json!({"executionRoleArn": null, "containerDefinitions": [{"name": "app", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1"}]})
            ),
            td(
                fargate(),
                json!({"executionRoleArn": null, "containerDefinitions": [{"name": "app", "image": "public.ecr.aws/nginx/nginx:1"}]})
            )
        ),
        case!(
            "TD-IMG-011",
            Error,
            "containerDefinitions[0].versionConsistency",
            c0(fargate(), json!({"versionConsistency": "on"})),
            c0(fargate(), json!({"versionConsistency": "disabled"}))
        ),
    ]
}

fn platform() -> Vec<Case> {
    let rp = |os: &str, arch: &str| json!({"runtimePlatform": {"operatingSystemFamily": os, "cpuArchitecture": arch}});
    let win_fargate = || {
        td(
            fargate(),
            json!({"cpu": "1024", "memory": "2048", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}}),
        )
    };
    vec![
        case!(
            "TD-RP-001",
            Error,
            "runtimePlatform.operatingSystemFamily",
            td(fargate(), rp("UBUNTU", "X86_64")),
            td(fargate(), rp("LINUX", "X86_64"))
        ),
        case!(
            "TD-RP-002",
            Error,
            "runtimePlatform.cpuArchitecture",
            td(fargate(), rp("LINUX", "AMD64")),
            td(fargate(), rp("LINUX", "ARM64"))
        ),
        case!(
            "TD-RP-003",
            Error,
            "runtimePlatform.cpuArchitecture",
            td(win_fargate(), rp("WINDOWS_SERVER_2022_CORE", "ARM64")),
            win_fargate()
        ),
        case!(
            "TD-RP-004",
            Error,
            "runtimePlatform.cpuArchitecture",
            td(windows(), rp("WINDOWS_SERVER_2022_CORE", "ARM64")),
            windows()
        ),
        case!(
            "TD-RP-005",
            Error,
            "runtimePlatform.operatingSystemFamily",
            td(win_fargate(), rp("WINDOWS_SERVER_2016_FULL", "X86_64")),
            win_fargate()
        ),
        case!(
            "TD-RP-006",
            Warning,
            "runtimePlatform",
            c0(
                fargate(),
                json!({"image": "mcr.microsoft.com/windows/servercore:ltsc2022"})
            ),
            c0(
                td(fargate(), rp("LINUX", "X86_64")),
                json!({"image": "mcr.microsoft.com/windows/servercore:ltsc2022"})
            )
        ),
        case!(
            "TD-FG-001",
            Error,
            "pidMode",
            td(fargate(), json!({"pidMode": "host"})),
            td(fargate(), json!({"pidMode": "task"}))
        ),
        case!(
            "TD-FG-002",
            Error,
            "pidMode",
            td(windows(), json!({"pidMode": "task"})),
            windows()
        ),
        case!(
            "TD-FG-003",
            Warning,
            "pidMode",
            td(ec2(), json!({"pidMode": "host"})),
            td(ec2(), json!({"pidMode": "task"}))
        ),
        case!(
            "TD-FG-004",
            Error,
            "ipcMode",
            td(fargate(), json!({"ipcMode": "task"})),
            td(ec2(), json!({"ipcMode": "task"}))
        ),
        case!(
            "TD-FG-005",
            Error,
            "containerDefinitions[0].privileged",
            c0(fargate(), json!({"privileged": true})),
            c0(ec2(), json!({"privileged": true}))
        ),
        case!(
            "TD-FG-006",
            Error,
            "containerDefinitions[0].systemControls",
            c0(
                windows(),
                json!({"systemControls": [{"namespace": "net.core.somaxconn", "value": "1024"}]})
            ),
            c0(
                ec2(),
                json!({"systemControls": [{"namespace": "net.core.somaxconn", "value": "1024"}]})
            )
        ),
        case!(
            "TD-FG-007",
            Error,
            "containerDefinitions[0].systemControls[0].namespace",
            c0(
                ec2(),
                json!({"systemControls": [{"namespace": "vm.swappiness", "value": "10"}]})
            ),
            c0(
                ec2(),
                json!({"systemControls": [{"namespace": "kernel.shmmax", "value": "1"}]})
            )
        ),
        case!(
            "TD-FG-008",
            Error,
            "containerDefinitions[0].systemControls[0].namespace",
            c0(
                td(ec2(), json!({"networkMode": "host"})),
                json!({"portMappings": [], "systemControls": [{"namespace": "net.core.somaxconn", "value": "1024"}]})
            ),
            c0(
                ec2(),
                json!({"systemControls": [{"namespace": "net.core.somaxconn", "value": "1024"}]})
            )
        ),
        case!(
            "TD-FG-009",
            Warning,
            "containerDefinitions[1].systemControls[0].value",
            with_container(
                c0(
                    fargate(),
                    json!({"systemControls": [{"namespace": "net.core.somaxconn", "value": "1024"}]})
                ),
                json!({"name": "b", "image": "busybox:1", "essential": false, "systemControls": [{"namespace": "net.core.somaxconn", "value": "4096"}]})
            ),
            with_container(
                c0(
                    fargate(),
                    json!({"systemControls": [{"namespace": "net.core.somaxconn", "value": "1024"}]})
                ),
                json!({"name": "b", "image": "busybox:1", "essential": false, "systemControls": [{"namespace": "net.core.somaxconn", "value": "1024"}]})
            )
        ),
        case!(
            "TD-FG-010",
            Error,
            "containerDefinitions[0].user",
            c0(windows(), json!({"user": "admin"})),
            windows()
        ),
        case!(
            "TD-FG-011",
            Error,
            "containerDefinitions[0].user",
            c0(ec2(), json!({"user": "1000:"})),
            c0(ec2(), json!({"user": "app:1000"}))
        ),
        case!(
            "TD-FG-012",
            Error,
            "volumes[0].efsVolumeConfiguration",
            td(
                win_fargate(),
                json!({"volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0"}}]})
            ),
            win_fargate()
        ),
        case!(
            "TD-FG-014",
            Error,
            "ephemeralStorage.sizeInGiB",
            td(fargate(), json!({"ephemeralStorage": {"sizeInGiB": 20}})),
            td(fargate(), json!({"ephemeralStorage": {"sizeInGiB": 21}}))
        ),
        case!(
            "TD-FG-015",
            Warning,
            "ephemeralStorage",
            td(ec2(), json!({"ephemeralStorage": {"sizeInGiB": 30}})),
            td(fargate(), json!({"ephemeralStorage": {"sizeInGiB": 30}}))
        ),
        case!(
            "TD-FG-016",
            Error,
            "ephemeralStorage",
            td(fargate(), json!({"ephemeralStorage": {"sizeInGiB": 30}})),
            fargate()
        )
        .ctx(ctx_platform("1.3.0")),
        case!(
            "TD-FG-017",
            Warning,
            "ephemeralStorage",
            td(
                win_fargate(),
                json!({"ephemeralStorage": {"sizeInGiB": 30}})
            ),
            win_fargate()
        ),
    ]
}

fn linux() -> Vec<Case> {
    let lp =
        |base: serde_json::Value, p: serde_json::Value| c0(base, json!({"linuxParameters": p}));
    vec![
        case!(
            "TD-LNX-001",
            Error,
            "containerDefinitions[0].linuxParameters.capabilities.add[0]",
            lp(fargate(), json!({"capabilities": {"add": ["NET_ADMIN"]}})),
            lp(fargate(), json!({"capabilities": {"add": ["SYS_PTRACE"]}}))
        ),
        case!(
            "TD-LNX-002",
            Error,
            "containerDefinitions[0].linuxParameters.capabilities.add",
            lp(fargate(), json!({"capabilities": {"add": ["SYS_PTRACE"]}})),
            fargate()
        )
        .ctx(ctx_platform("1.3.0")),
        case!(
            "TD-LNX-003",
            Error,
            "containerDefinitions[0].linuxParameters.capabilities.drop[0]",
            lp(ec2(), json!({"capabilities": {"drop": ["CAP_NET_RAW"]}})),
            lp(ec2(), json!({"capabilities": {"drop": ["NET_RAW"]}}))
        ),
        case!(
            "TD-LNX-004",
            Warning,
            "containerDefinitions[0].linuxParameters.capabilities",
            c0(
                lp(ec2(), json!({"capabilities": {"drop": ["NET_RAW"]}})),
                json!({"privileged": true})
            ),
            lp(ec2(), json!({"capabilities": {"drop": ["NET_RAW"]}}))
        ),
        case!(
            "TD-LNX-005",
            Error,
            "containerDefinitions[0].linuxParameters.sharedMemorySize",
            lp(fargate(), json!({"sharedMemorySize": 64})),
            lp(ec2(), json!({"sharedMemorySize": 64}))
        ),
        case!(
            "TD-LNX-006",
            Error,
            "containerDefinitions[0].linuxParameters.devices[0]",
            lp(
                ec2(),
                json!({"devices": [{"hostPath": "/dev/fuse", "permissions": ["rwm"]}]})
            ),
            lp(
                ec2(),
                json!({"devices": [{"hostPath": "/dev/fuse", "permissions": ["read", "write"]}]})
            )
        ),
        case!(
            "TD-LNX-007",
            Error,
            "containerDefinitions[0].linuxParameters.tmpfs[0]",
            lp(
                ec2(),
                json!({"tmpfs": [{"containerPath": "tmp", "size": 64}]})
            ),
            lp(
                ec2(),
                json!({"tmpfs": [{"containerPath": "/tmp", "size": 64, "mountOptions": ["noexec", "mode=1777"]}]})
            )
        ),
        case!(
            "TD-LNX-008",
            Error,
            "containerDefinitions[0].linuxParameters.maxSwap",
            lp(ec2(), json!({"maxSwap": -1})),
            lp(ec2(), json!({"maxSwap": 0}))
        ),
        case!(
            "TD-LNX-009",
            Error,
            "containerDefinitions[0].linuxParameters.swappiness",
            lp(ec2(), json!({"maxSwap": 512, "swappiness": 150})),
            lp(ec2(), json!({"maxSwap": 512, "swappiness": 60}))
        ),
        case!(
            "TD-LNX-010",
            Warning,
            "containerDefinitions[0].linuxParameters.swappiness",
            lp(ec2(), json!({"swappiness": 60})),
            lp(ec2(), json!({"maxSwap": 512, "swappiness": 60}))
        ),
        case!(
            "TD-LNX-011",
            Error,
            "containerDefinitions[0].linuxParameters",
            lp(windows(), json!({"initProcessEnabled": true})),
            windows()
        ),
        case!(
            "TD-ULIM-001",
            Error,
            "containerDefinitions[0].ulimits[0]",
            c0(
                ec2(),
                json!({"ulimits": [{"name": "files", "softLimit": 1, "hardLimit": 2}]})
            ),
            c0(
                ec2(),
                json!({"ulimits": [{"name": "nofile", "softLimit": 1, "hardLimit": 2}]})
            )
        ),
        case!(
            "TD-ULIM-002",
            Error,
            "containerDefinitions[0].ulimits[0].softLimit",
            c0(
                ec2(),
                json!({"ulimits": [{"name": "nofile", "softLimit": 4096, "hardLimit": 1024}]})
            ),
            c0(
                ec2(),
                json!({"ulimits": [{"name": "nofile", "softLimit": 1024, "hardLimit": 4096}]})
            )
        ),
        case!(
            "TD-ULIM-003",
            Warning,
            "containerDefinitions[0].ulimits[1].name",
            c0(
                ec2(),
                json!({"ulimits": [{"name": "nofile", "softLimit": 1, "hardLimit": 2}, {"name": "nofile", "softLimit": 1, "hardLimit": 2}]})
            ),
            c0(
                ec2(),
                json!({"ulimits": [{"name": "nofile", "softLimit": 1, "hardLimit": 2}, {"name": "nproc", "softLimit": 1, "hardLimit": 2}]})
            )
        ),
        case!(
            "TD-ULIM-004",
            Error,
            "containerDefinitions[0].ulimits[0].hardLimit",
            c0(
                fargate(),
                json!({"ulimits": [{"name": "nofile", "softLimit": 65535, "hardLimit": 2000000}]})
            ),
            c0(
                fargate(),
                json!({"ulimits": [{"name": "nofile", "softLimit": 65535, "hardLimit": 1048576}]})
            )
        ),
        case!(
            "TD-ULIM-005",
            Error,
            "containerDefinitions[0].ulimits",
            c0(
                windows(),
                json!({"ulimits": [{"name": "nofile", "softLimit": 1, "hardLimit": 2}]})
            ),
            windows()
        ),
        case!(
            "TD-MISC-001",
            Error,
            "containerDefinitions[0].restartPolicy.restartAttemptPeriod",
            c0(
                fargate(),
                json!({"restartPolicy": {"enabled": true, "restartAttemptPeriod": 30}})
            ),
            c0(
                fargate(),
                json!({"restartPolicy": {"enabled": true, "restartAttemptPeriod": 60}})
            )
        ),
        case!(
            "TD-MISC-002",
            Warning,
            "containerDefinitions[0].restartPolicy",
            c0(
                fargate(),
                json!({"restartPolicy": {"enabled": false, "ignoredExitCodes": [0]}})
            ),
            c0(
                fargate(),
                json!({"restartPolicy": {"enabled": true, "ignoredExitCodes": [0]}})
            )
        ),
        case!(
            "TD-MISC-006",
            Warning,
            "containerDefinitions[0].cpu",
            c0(ec2(), json!({"cpu": 1})),
            c0(ec2(), json!({"cpu": 2}))
        ),
        case!(
            "TD-MISC-007",
            Warning,
            "containerDefinitions[0].mountPoints[0].containerPath",
            c0(
                td(
                    windows(),
                    json!({"volumes": [{"name": "logs", "host": {"sourcePath": "D:\\logs"}}]})
                ),
                json!({"mountPoints": [{"sourceVolume": "logs", "containerPath": "C:\\logs"}]})
            ),
            c0(
                td(
                    windows(),
                    json!({"volumes": [{"name": "logs", "host": {"sourcePath": "C:\\logs"}}]})
                ),
                json!({"mountPoints": [{"sourceVolume": "logs", "containerPath": "C:\\logs"}]})
            )
        ),
        case!(
            "TD-MISC-008",
            Error,
            "executionRoleArn",
            td(
                fargate(),
                json!({"executionRoleArn": "ecsTaskExecutionRole"})
            ),
            td(fargate(), json!({"taskRoleArn": "appRole"}))
        ),
    ]
}

fn volumes() -> Vec<Case> {
    let vol = |base: serde_json::Value, v: serde_json::Value, mount: &str| {
        c0(
            td(base, json!({"volumes": [v]})),
            json!({"mountPoints": [{"sourceVolume": mount, "containerPath": "/data"}]}),
        )
    };
    let efs = |cfg: serde_json::Value| {
        vol(
            fargate(),
            json!({"name": "data", "efsVolumeConfiguration": merge(&json!({"fileSystemId": "fs-0123456789abcdef0"}), &cfg)}),
            "data",
        )
    };
    let fsx_ok = json!({"fileSystemId": "fs-0123456789abcdef0", "rootDirectory": "share", "authorizationConfig": {"domain": "example.com", "credentialsParameter": "arn:aws:secretsmanager:us-east-1:123456789012:secret:fsx-AbCdEf"}});
    let fsx = |cfg: serde_json::Value| {
        vol(
            windows(),
            json!({"name": "share", "fsxWindowsFileServerVolumeConfiguration": merge(&fsx_ok, &cfg)}),
            "share",
        )
    };
    vec![
        case!("VOL-001", Error, "volumes[0].name", vol(ec2(), json!({"name": "my data"}), "my data"), vol(ec2(), json!({"name": "data"}), "data")),
        case!("VOL-002", Error, "volumes[0]", vol(ec2(), json!({"name": "data", "host": {"sourcePath": "/srv"}, "dockerVolumeConfiguration": {"scope": "task"}}), "data"), vol(ec2(), json!({"name": "data", "host": {"sourcePath": "/srv"}}), "data")),
        case!("VOL-003", Error, "containerDefinitions[0].mountPoints[0].sourceVolume", vol(ec2(), json!({"name": "data"}), "date"), vol(ec2(), json!({"name": "data"}), "data")),
        case!("VOL-004", Error, "containerDefinitions[0].mountPoints[0].containerPath",
            c0(td(ec2(), json!({"volumes": [{"name": "data"}]})), json!({"mountPoints": [{"sourceVolume": "data", "containerPath": "data"}]})), vol(ec2(), json!({"name": "data"}), "data")),
        case!("VOL-005", Warning, "containerDefinitions[0].mountPoints[1].containerPath",
            c0(td(ec2(), json!({"volumes": [{"name": "a"}, {"name": "b"}]})), json!({"mountPoints": [{"sourceVolume": "a", "containerPath": "/data"}, {"sourceVolume": "b", "containerPath": "/data"}]})),
            c0(td(ec2(), json!({"volumes": [{"name": "a"}, {"name": "b"}]})), json!({"mountPoints": [{"sourceVolume": "a", "containerPath": "/a"}, {"sourceVolume": "b", "containerPath": "/b"}]}))),
        case!("VOL-006", Warning, "volumes[0].name", td(ec2(), json!({"volumes": [{"name": "data"}]})), vol(ec2(), json!({"name": "data"}), "data")),
        case!("VOL-BIND-001", Error, "volumes[0].host.sourcePath", vol(fargate(), json!({"name": "data", "host": {"sourcePath": "/srv"}}), "data"), vol(fargate(), json!({"name": "data"}), "data")),
        case!("VOL-BIND-002", Warning, "volumes[0].host.sourcePath",
            c0(td(windows(), json!({"volumes": [{"name": "logs", "host": {"sourcePath": "D:\\logs"}}]})), json!({"mountPoints": [{"sourceVolume": "logs", "containerPath": "C:\\logs"}]})),
            c0(td(windows(), json!({"volumes": [{"name": "logs", "host": {"sourcePath": "C:\\logs"}}]})), json!({"mountPoints": [{"sourceVolume": "logs", "containerPath": "C:\\logs"}]}))),
        case!("VOL-DOCK-001", Error, "volumes[0].dockerVolumeConfiguration", vol(fargate(), json!({"name": "data", "dockerVolumeConfiguration": {"scope": "task"}}), "data"), vol(ec2(), json!({"name": "data", "dockerVolumeConfiguration": {"scope": "task"}}), "data")),
        case!("VOL-DOCK-002", Error, "volumes[0].dockerVolumeConfiguration.scope", vol(ec2(), json!({"name": "data", "dockerVolumeConfiguration": {"scope": "global"}}), "data"), vol(ec2(), json!({"name": "data", "dockerVolumeConfiguration": {"scope": "shared"}}), "data")),
        case!("VOL-DOCK-003", Error, "volumes[0].dockerVolumeConfiguration.autoprovision", vol(ec2(), json!({"name": "data", "dockerVolumeConfiguration": {"scope": "task", "autoprovision": true}}), "data"), vol(ec2(), json!({"name": "data", "dockerVolumeConfiguration": {"scope": "shared", "autoprovision": true}}), "data")),
        case!("VOL-DOCK-004", Error, "volumes[0].dockerVolumeConfiguration.driver",
            c0(td(windows(), json!({"volumes": [{"name": "d", "dockerVolumeConfiguration": {"scope": "task", "driver": "rexray/ebs"}}]})), json!({"mountPoints": [{"sourceVolume": "d", "containerPath": "C:\\d"}]})),
            c0(td(windows(), json!({"volumes": [{"name": "d", "dockerVolumeConfiguration": {"scope": "task", "driver": "local"}}]})), json!({"mountPoints": [{"sourceVolume": "d", "containerPath": "C:\\d"}]}))),
        case!("VOL-EFS-001", Error, "volumes[0].efsVolumeConfiguration.fileSystemId", efs(json!({"fileSystemId": "efs-123"})), efs(json!({}))),
        case!("VOL-EFS-002", Error, "volumes[0].efsVolumeConfiguration.transitEncryption", efs(json!({"authorizationConfig": {"iam": "ENABLED"}})), efs(json!({"transitEncryption": "ENABLED", "authorizationConfig": {"iam": "ENABLED"}}))),
        case!("VOL-EFS-003", Error, "volumes[0].efsVolumeConfiguration.transitEncryption", efs(json!({"authorizationConfig": {"accessPointId": "fsap-0123456789abcdef0"}})), efs(json!({"transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": "fsap-0123456789abcdef0"}}))),
        case!("VOL-EFS-004", Error, "volumes[0].efsVolumeConfiguration.rootDirectory",
            efs(json!({"transitEncryption": "ENABLED", "rootDirectory": "/app", "authorizationConfig": {"accessPointId": "fsap-0123456789abcdef0"}})),
            efs(json!({"transitEncryption": "ENABLED", "rootDirectory": "/", "authorizationConfig": {"accessPointId": "fsap-0123456789abcdef0"}}))),
        case!("VOL-EFS-005", Error, "volumes[0].efsVolumeConfiguration.authorizationConfig.accessPointId",
            efs(json!({"transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": "ap-1"}})), efs(json!({"transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": "fsap-0123456789abcdef0"}}))),
        case!("VOL-EFS-006", Warning, "volumes[0].efsVolumeConfiguration.transitEncryptionPort", efs(json!({"transitEncryptionPort": 2999})), efs(json!({"transitEncryption": "ENABLED", "transitEncryptionPort": 2999}))),
        case!("VOL-EFS-007", Warning, "volumes[0].efsVolumeConfiguration.authorizationConfig.iam",
            efs(json!({"transitEncryption": "ENABLED", "authorizationConfig": {"iam": "ENABLED"}})),
            td(efs(json!({"transitEncryption": "ENABLED", "authorizationConfig": {"iam": "ENABLED"}})), json!({"taskRoleArn": "arn:aws:iam::123456789012:role/app"}))),
        case!("VOL-EFS-008", Error, "volumes[0].efsVolumeConfiguration", efs(json!({})), fargate()).ctx(ctx_platform("1.3.0")),
        case!("VOL-FSX-001", Error, "volumes[0].fsxWindowsFileServerVolumeConfiguration.rootDirectory", fsx(json!({"rootDirectory": null})), fsx(json!({}))),
        case!("VOL-FSX-002", Error, "volumes[0].fsxWindowsFileServerVolumeConfiguration",
            vol(td(fargate(), json!({"cpu": "1024", "memory": "2048", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}})), json!({"name": "share", "fsxWindowsFileServerVolumeConfiguration": fsx_ok}), "share"),
            fsx(json!({}))),
        case!("VOL-FSX-003", Error, "volumes[0].fsxWindowsFileServerVolumeConfiguration",
            vol(td(ec2(), json!({"runtimePlatform": {"operatingSystemFamily": "LINUX"}})), json!({"name": "share", "fsxWindowsFileServerVolumeConfiguration": fsx_ok}), "share"),
            fsx(json!({}))),
        case!("VOL-FSX-004", Error, "volumes[0].fsxWindowsFileServerVolumeConfiguration.authorizationConfig.credentialsParameter",
            fsx(json!({"authorizationConfig": {"credentialsParameter": "arn:arn-1234"}})), fsx(json!({"authorizationConfig": {"credentialsParameter": "arn:aws:ssm:us-east-1:123456789012:parameter/fsx"}}))),
        case!("VOL-FSX-005", Error, "volumes[0].fsxWindowsFileServerVolumeConfiguration.fileSystemId", fsx(json!({"fileSystemId": "fs-0eeb5730b2EXAMPLE"})), fsx(json!({}))),
        case!("VOL-FSX-006", Error, "volumes[23].fsxWindowsFileServerVolumeConfiguration", {
            let vols: Vec<_> = (0..24).map(|i| json!({"name": format!("s{i}"), "configuredAtLaunch": false, "fsxWindowsFileServerVolumeConfiguration": fsx_ok})).collect();
            td(windows(), json!({"volumes": vols}))
        }, {
            let vols: Vec<_> = (0..23).map(|i| json!({"name": format!("s{i}"), "fsxWindowsFileServerVolumeConfiguration": fsx_ok})).collect();
            td(windows(), json!({"volumes": vols}))
        }),
        case!("VOL-EBS-001", Error, "volumes[1].configuredAtLaunch",
            td(fargate(), json!({"volumes": [{"name": "a", "configuredAtLaunch": true}, {"name": "b", "configuredAtLaunch": true}]})),
            td(fargate(), json!({"volumes": [{"name": "a", "configuredAtLaunch": true}]}))),
    ]
}

#[test]
fn every_task_definition_rule_fails_its_bad_case_and_passes_its_good_case() {
    let cases: Vec<Case> = [
        general(),
        live(),
        size(),
        network(),
        dependencies(),
        health(),
        logging(),
        secrets(),
        image(),
        platform(),
        linux(),
        volumes(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let n = run(cases, |doc, ctx| {
        check(Kind::TaskDefinition, doc, ctx).findings
    });
    assert!(n >= 190, "{n} cases");
}

#[test]
fn describe_output_and_read_only_fields_are_accepted() {
    let mut inner = fargate();
    inner["taskDefinitionArn"] = json!("arn:aws:ecs:us-east-1:123456789012:task-definition/web:3");
    inner["revision"] = json!(3);
    inner["status"] = json!("ACTIVE");
    inner["registeredAt"] = json!("2026-01-01T00:00:00Z");
    inner["compatibilities"] = json!(["EC2", "FARGATE"]);
    let wrapped = json!({"taskDefinition": inner, "tags": [{"key": "aws:x", "value": "y"}]});
    let r = check(Kind::TaskDefinition, &wrapped, &Default::default());
    // The wrapper's tags are validated with the definition (aws: keys are reserved).
    assert_eq!(
        r.findings
            .iter()
            .map(|f| (f.rule.as_str(), f.path.as_str()))
            .collect::<Vec<_>>(),
        [("TD-GEN-018", "tags[0].key")]
    );
}

#[test]
fn numbers_and_vcpu_strings_are_both_accepted_and_nulls_are_absent() {
    let doc = td(
        fargate(),
        json!({"cpu": 1024, "memory": "2 GB", "placementConstraints": null}),
    );
    let mut doc = doc;
    doc["containerDefinitions"][0]["ulimits"] = serde_json::Value::Null;
    let r = check(Kind::TaskDefinition, &doc, &Default::default());
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
    let bad = td(fargate(), json!({"cpu": true}));
    let r = check(Kind::TaskDefinition, &bad, &Default::default());
    assert!(
        r.findings
            .iter()
            .any(|f| f.rule == "SCHEMA" && f.path == "cpu"),
        "{:#?}",
        r.findings
    );
}
