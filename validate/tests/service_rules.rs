//! Table tests for the service rules (catalogue §2.12–2.16) and the task-definition rules
//! only a service can decide.

mod common;

use common::*;
use serde_json::{json, Value};
use validate::{check, Context, Kind};

fn svc_fargate() -> Value {
    json!({
        "cluster": "demo",
        "serviceName": "web",
        "taskDefinition": fargate(),
        "desiredCount": 2,
        "launchType": "FARGATE",
        "networkConfiguration": {"awsvpcConfiguration": {
            "subnets": ["subnet-0123456789abcdef0"], "securityGroups": ["sg-0123456789abcdef0"], "assignPublicIp": "DISABLED"}},
        "deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": true, "rollback": true}, "maximumPercent": 200, "minimumHealthyPercent": 100}
    })
}

fn svc_ec2() -> Value {
    json!({
        "cluster": "demo",
        "serviceName": "web",
        "taskDefinition": ec2(),
        "desiredCount": 2,
        "launchType": "EC2",
        "deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": true, "rollback": true}}
    })
}

fn s(base: Value, patch: Value) -> Value {
    merge(&base, &patch)
}

/// The service with its inline task definition's first container patched.
fn sc0(base: Value, patch: Value) -> Value {
    let mut doc = base;
    let td = c0(doc["taskDefinition"].clone(), patch);
    doc["taskDefinition"] = td;
    doc
}

fn lb(name: &str, port: u16) -> Value {
    json!({"loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef", "containerName": name, "containerPort": port}]})
}

fn sc_cfg(services: Value) -> Value {
    json!({"serviceConnectConfiguration": {"enabled": true, "namespace": "demo", "services": services}})
}

fn named_port(base: Value) -> Value {
    sc0(
        base,
        json!({"portMappings": [{"containerPort": 80, "name": "http", "appProtocol": "http"}]}),
    )
}

fn basics() -> Vec<Case> {
    vec![
        case!(
            "SVC-001",
            Error,
            "serviceName",
            s(svc_fargate(), json!({"serviceName": "web app"})),
            svc_fargate()
        ),
        case!(
            "SVC-002",
            Error,
            "serviceName",
            svc_fargate(),
            s(
                svc_fargate(),
                json!({"serviceName": null, "service": "web"})
            )
        )
        .ctx(Context {
            service_exists: Some(true),
            ..Context::default()
        }),
        case!(
            "SVC-003",
            Error,
            "desiredCount",
            s(svc_fargate(), json!({"desiredCount": null})),
            svc_fargate()
        ),
        case!(
            "SVC-004",
            Error,
            "desiredCount",
            s(svc_fargate(), json!({"desiredCount": -1})),
            svc_fargate()
        ),
        case!(
            "SVC-005",
            Warning,
            "desiredCount",
            s(svc_fargate(), json!({"desiredCount": 6000})),
            s(svc_fargate(), json!({"desiredCount": 5000}))
        ),
        case!(
            "SVC-006",
            Warning,
            "desiredCount",
            s(
                named_port(svc_fargate()),
                merge(
                    &sc_cfg(json!([{"portName": "http"}])),
                    &json!({"desiredCount": 1500})
                )
            ),
            s(
                named_port(svc_fargate()),
                sc_cfg(json!([{"portName": "http"}]))
            )
        ),
        case!(
            "SVC-007",
            Warning,
            "desiredCount",
            s(
                svc_ec2(),
                json!({"schedulingStrategy": "DAEMON", "deploymentConfiguration": null})
            ),
            s(
                svc_ec2(),
                json!({"schedulingStrategy": "DAEMON", "desiredCount": null, "deploymentConfiguration": null})
            )
        ),
        case!(
            "SVC-008",
            Error,
            "schedulingStrategy",
            s(
                svc_fargate(),
                json!({"schedulingStrategy": "DAEMON", "desiredCount": null})
            ),
            svc_fargate()
        ),
        case!(
            "SVC-009",
            Error,
            "placementStrategy",
            s(
                svc_ec2(),
                json!({"schedulingStrategy": "DAEMON", "desiredCount": null, "placementStrategy": [{"type": "spread", "field": "host"}]})
            ),
            s(
                svc_ec2(),
                json!({"placementStrategy": [{"type": "spread", "field": "host"}]})
            )
        ),
        case!(
            "SVC-010",
            Error,
            "taskDefinition",
            s(svc_fargate(), json!({"taskDefinition": null})),
            s(svc_fargate(), json!({"taskDefinition": "web:3"}))
        ),
        case!(
            "SVC-011",
            Error,
            "taskDefinition",
            s(
                svc_fargate(),
                json!({"launchType": "EC2", "networkConfiguration": null})
            ),
            svc_fargate()
        ),
        case!(
            "SVC-012",
            Error,
            "platformVersion",
            s(svc_ec2(), json!({"platformVersion": "1.4.0"})),
            s(svc_fargate(), json!({"platformVersion": "1.4.0"}))
        ),
        case!(
            "SVC-013",
            Error,
            "role",
            s(
                svc_fargate(),
                merge(&lb("app", 80), &json!({"role": "ecsServiceRole"}))
            ),
            s(
                svc_ec2(),
                merge(&lb("app", 80), &json!({"role": "ecsServiceRole"}))
            )
        ),
        case!(
            "SVC-015",
            Warning,
            "propagateTags",
            s(svc_fargate(), json!({"enableECSManagedTags": true})),
            s(
                svc_fargate(),
                json!({"enableECSManagedTags": true, "propagateTags": "SERVICE"})
            )
        ),
        case!(
            "SVC-016",
            Error,
            "tags[0].key",
            s(
                svc_fargate(),
                json!({"tags": [{"key": "aws:team", "value": "a"}]})
            ),
            s(
                svc_fargate(),
                json!({"tags": [{"key": "team", "value": "a"}]})
            )
        ),
        case!(
            "SVC-017",
            Error,
            "clientToken",
            s(svc_fargate(), json!({"clientToken": "x".repeat(40)})),
            s(svc_fargate(), json!({"clientToken": "deploy-42"}))
        ),
        case!(
            "SVC-018",
            Error,
            "serviceRegistries",
            s(
                svc_fargate(),
                json!({"serviceRegistries": [{"registryArn": "arn:a"}, {"registryArn": "arn:b"}]})
            ),
            s(
                svc_fargate(),
                json!({"serviceRegistries": [{"registryArn": "arn:a"}]})
            )
        ),
        case!(
            "SVC-019",
            Error,
            "serviceRegistries[0]",
            s(
                svc_ec2(),
                json!({"serviceRegistries": [{"registryArn": "arn:a"}]})
            ),
            s(
                svc_ec2(),
                json!({"serviceRegistries": [{"registryArn": "arn:a", "containerName": "app", "containerPort": 80}]})
            )
        ),
        case!(
            "SVC-020",
            Warning,
            "enableExecuteCommand",
            s(svc_fargate(), json!({"enableExecuteCommand": true})),
            s(
                svc_fargate(),
                json!({"enableExecuteCommand": true, "taskDefinition": {"taskRoleArn": "arn:aws:iam::123456789012:role/app"}})
            )
        ),
        case!(
            "TD-MISC-003",
            Warning,
            "taskDefinition.containerDefinitions[0].readonlyRootFilesystem",
            sc0(
                s(svc_fargate(), json!({"enableExecuteCommand": true})),
                json!({"readonlyRootFilesystem": true})
            ),
            sc0(svc_fargate(), json!({"readonlyRootFilesystem": true}))
        ),
        case!(
            "TD-MISC-004",
            Warning,
            "taskDefinition.containerDefinitions[0].linuxParameters.initProcessEnabled",
            s(svc_fargate(), json!({"enableExecuteCommand": true})),
            sc0(
                s(svc_fargate(), json!({"enableExecuteCommand": true})),
                json!({"linuxParameters": {"initProcessEnabled": true}})
            )
        ),
    ]
}

fn live() -> Vec<Case> {
    use validate::context::{NetworkFacts, RolePath, SubnetFact, TargetGroupFact};
    let tg = |name: &str| {
        format!("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/{name}/0123456789abcdef")
    };
    let net = Context {
        network: Some(NetworkFacts {
            subnets: vec![
                SubnetFact {
                    id: "subnet-0123456789abcdef0".into(),
                    vpc_id: "vpc-a".into(),
                    availability_zone: "us-east-1a".into(),
                },
                SubnetFact {
                    id: "subnet-0123456789abcdef1".into(),
                    vpc_id: "vpc-b".into(),
                    availability_zone: "us-east-1b".into(),
                },
            ],
            security_groups: vec![],
            target_groups: vec![
                TargetGroupFact {
                    arn: tg("a"),
                    vpc_id: "vpc-a".into(),
                    load_balancer_zones: vec!["us-east-1a".into()],
                },
                TargetGroupFact {
                    arn: tg("b"),
                    vpc_id: "vpc-b".into(),
                    load_balancer_zones: vec!["us-east-1b".into()],
                },
                TargetGroupFact {
                    arn: tg("c"),
                    vpc_id: "vpc-a".into(),
                    load_balancer_zones: vec!["us-east-1c".into()],
                },
            ],
        }),
        ..Context::default()
    };
    let with_tg = |name: &str| {
        s(
            svc_fargate(),
            json!({"loadBalancers": [{"targetGroupArn": tg(name), "containerName": "app", "containerPort": 80}]}),
        )
    };
    let update = |patch: Value| merge(&json!({"cluster": "demo", "service": "web"}), &patch);
    let sc_td = |app: &str| {
        json!({"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
        "containerDefinitions": [{"name": "app", "image": "nginx:1", "portMappings": [{"containerPort": 80, "name": "http", "appProtocol": app}]}]})
    };
    vec![
        case!("SVC-014", Warning, "role", s(svc_ec2(), merge(&lb("app", 80), &json!({"role": "ecsServiceRole"}))), s(svc_ec2(), merge(&lb("app", 80), &json!({"role": "/service-role/ecsServiceRole"}))))
            .ctx(Context { role_paths: vec![RolePath { name: "ecsServiceRole".into(), path: "/service-role/".into() }], ..Context::default() }),
        case!("IAM-024", Warning, "role", svc_fargate(), svc_ec2()).ctx(Context { service_linked_role_exists: Some(false), ..Context::default() }),
        case!("SVC-NET-005", Error, "networkConfiguration.awsvpcConfiguration.subnets[1]",
            s(svc_fargate(), json!({"networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]}}})), svc_fargate()).ctx(net.clone()),
        case!("SVC-LB-012", Error, "loadBalancers[0].targetGroupArn", with_tg("b"), with_tg("a")).ctx(net.clone()),
        case!("SVC-LB-013", Warning, "loadBalancers[0].targetGroupArn", with_tg("c"), with_tg("a")).ctx(net),
        case!("SVC-CP-010", Error, "capacityProviderStrategy[0].capacityProvider",
            update(json!({"capacityProviderStrategy": [{"capacityProvider": "my-asg-provider", "weight": 1}]})),
            update(json!({"capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 1}]})))
            .ctx(Context { current_capacity_providers: Some(vec!["FARGATE".into()]), ..Context::default() }),
        case!("SVC-LB-018", Error, "loadBalancers",
            update(merge(&lb("app", 80), &json!({"deploymentController": {"type": "CODE_DEPLOY"}}))),
            update(json!({"deploymentController": {"type": "CODE_DEPLOY"}, "desiredCount": 3}))),
        case!("SVC-SC-009", Warning, "serviceConnectConfiguration.services[0].portName",
            update(merge(&sc_cfg(json!([{"portName": "http"}])), &json!({"taskDefinition": sc_td("grpc")}))),
            update(merge(&sc_cfg(json!([{"portName": "http"}])), &json!({"taskDefinition": sc_td("http")}))))
            .ctx(Context { previous_task_definition: Some(Box::new(serde_json::from_value(sc_td("http")).unwrap())), ..Context::default() }),
        case!("TD-PORT-019", Warning, "desiredCount",
            s(svc_ec2(), json!({"taskDefinition": {"networkMode": "host", "containerDefinitions": [{"name": "app", "image": "nginx:1", "memory": 256, "user": "1000", "portMappings": [{"containerPort": 80}]}]}})),
            s(svc_ec2(), json!({"desiredCount": 1, "taskDefinition": {"networkMode": "host", "containerDefinitions": [{"name": "app", "image": "nginx:1", "memory": 256, "user": "1000", "portMappings": [{"containerPort": 80}]}]}})))
            .ctx(Context { container_instances: Some(1), ..Context::default() }),
    ]
}

fn deployment() -> Vec<Case> {
    let dc = |v: Value| s(svc_fargate(), json!({"deploymentConfiguration": v}));
    let cb = json!({"deploymentCircuitBreaker": {"enable": true, "rollback": true}});
    vec![
        case!(
            "SVC-DEP-001",
            Error,
            "deploymentConfiguration.maximumPercent",
            dc(json!({"maximumPercent": -5})),
            dc(json!({"maximumPercent": 150}))
        ),
        case!(
            "SVC-DEP-002",
            Warning,
            "deploymentConfiguration.minimumHealthyPercent",
            dc(json!({"minimumHealthyPercent": 120, "maximumPercent": 300})),
            dc(json!({"minimumHealthyPercent": 100}))
        ),
        case!(
            "SVC-DEP-003",
            Error,
            "deploymentConfiguration.minimumHealthyPercent",
            dc(json!({"minimumHealthyPercent": 100, "maximumPercent": 100})),
            dc(json!({"minimumHealthyPercent": 50, "maximumPercent": 100}))
        ),
        case!(
            "SVC-DEP-004",
            Warning,
            "deploymentConfiguration.maximumPercent",
            s(
                svc_fargate(),
                json!({"desiredCount": 1, "deploymentConfiguration": {"minimumHealthyPercent": 100, "maximumPercent": 150}})
            ),
            s(
                svc_fargate(),
                json!({"desiredCount": 1, "deploymentConfiguration": {"minimumHealthyPercent": 100, "maximumPercent": 200}})
            )
        ),
        case!(
            "SVC-DEP-005",
            Warning,
            "deploymentConfiguration.maximumPercent",
            s(
                svc_ec2(),
                json!({"schedulingStrategy": "DAEMON", "desiredCount": null, "deploymentConfiguration": {"maximumPercent": 200}})
            ),
            s(
                svc_ec2(),
                json!({"schedulingStrategy": "DAEMON", "desiredCount": null, "deploymentConfiguration": {"maximumPercent": 100}})
            )
        ),
        case!(
            "SVC-DEP-006",
            Error,
            "deploymentConfiguration.minimumHealthyPercent",
            s(
                svc_ec2(),
                merge(
                    &lb("app", 80),
                    &json!({"deploymentController": {"type": "CODE_DEPLOY"}, "deploymentConfiguration": {"deploymentCircuitBreaker": null, "minimumHealthyPercent": 50}})
                )
            ),
            s(
                svc_ec2(),
                merge(
                    &lb("app", 80),
                    &json!({"deploymentController": {"type": "CODE_DEPLOY"}, "deploymentConfiguration": {"deploymentCircuitBreaker": null}})
                )
            )
        ),
        case!(
            "SVC-DEP-007",
            Warning,
            "deploymentConfiguration.minimumHealthyPercent",
            s(
                svc_fargate(),
                merge(
                    &lb("app", 80),
                    &json!({"deploymentController": {"type": "CODE_DEPLOY"}, "deploymentConfiguration": {"deploymentCircuitBreaker": null, "maximumPercent": null, "minimumHealthyPercent": 50}})
                )
            ),
            s(
                svc_fargate(),
                merge(
                    &lb("app", 80),
                    &json!({"deploymentController": {"type": "CODE_DEPLOY"}, "deploymentConfiguration": {"deploymentCircuitBreaker": null, "maximumPercent": null, "minimumHealthyPercent": null}})
                )
            )
        ),
        case!(
            "SVC-DEP-008",
            Error,
            "deploymentConfiguration.deploymentCircuitBreaker",
            s(
                svc_fargate(),
                merge(
                    &lb("app", 80),
                    &json!({"deploymentController": {"type": "CODE_DEPLOY"}})
                )
            ),
            svc_fargate()
        ),
        case!(
            "SVC-DEP-009",
            Error,
            "deploymentConfiguration.deploymentCircuitBreaker",
            dc(json!({"deploymentCircuitBreaker": {"enable": true, "rollback": null}})),
            dc(cb.clone())
        ),
        case!(
            "SVC-DEP-010",
            Warning,
            "deploymentConfiguration.deploymentCircuitBreaker",
            s(svc_fargate(), json!({"deploymentConfiguration": null})),
            svc_fargate()
        ),
        case!(
            "SVC-DEP-011",
            Error,
            "deploymentConfiguration.alarms",
            dc(merge(
                &cb,
                &json!({"alarms": {"alarmNames": ["high-5xx"], "enable": true}})
            )),
            dc(merge(
                &cb,
                &json!({"alarms": {"alarmNames": ["high-5xx"], "enable": true, "rollback": true}})
            ))
        ),
        case!(
            "SVC-DEP-012",
            Error,
            "deploymentConfiguration.bakeTimeInMinutes",
            dc(merge(&cb, &json!({"strategy": "BLUE_GREEN"}))),
            dc(merge(
                &cb,
                &json!({"strategy": "BLUE_GREEN", "bakeTimeInMinutes": 10})
            ))
        ),
        case!(
            "SVC-DEP-013",
            Error,
            "deploymentConfiguration.canaryConfiguration",
            dc(merge(
                &cb,
                &json!({"strategy": "LINEAR", "canaryConfiguration": {"canaryPercent": 10}})
            )),
            dc(merge(
                &cb,
                &json!({"strategy": "CANARY", "canaryConfiguration": {"canaryPercent": 10}})
            ))
        ),
        case!(
            "SVC-DEP-014",
            Error,
            "healthCheckGracePeriodSeconds",
            s(svc_fargate(), json!({"healthCheckGracePeriodSeconds": -1})),
            s(
                svc_fargate(),
                merge(
                    &lb("app", 80),
                    &json!({"healthCheckGracePeriodSeconds": 60})
                )
            )
        ),
        case!(
            "SVC-DEP-015",
            Warning,
            "healthCheckGracePeriodSeconds",
            s(svc_fargate(), json!({"healthCheckGracePeriodSeconds": 60})),
            s(
                svc_fargate(),
                merge(
                    &lb("app", 80),
                    &json!({"healthCheckGracePeriodSeconds": 60})
                )
            )
        ),
    ]
}

fn networking() -> Vec<Case> {
    let vpc = |v: Value| {
        s(
            svc_fargate(),
            json!({"networkConfiguration": {"awsvpcConfiguration": v}}),
        )
    };
    let cps = |v: Value| {
        s(
            svc_fargate(),
            json!({"launchType": null, "capacityProviderStrategy": v}),
        )
    };
    vec![
        case!(
            "SVC-NET-001",
            Error,
            "networkConfiguration",
            s(svc_fargate(), json!({"networkConfiguration": null})),
            svc_fargate()
        ),
        case!(
            "SVC-NET-002",
            Error,
            "networkConfiguration",
            s(
                svc_ec2(),
                json!({"networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"]}}})
            ),
            svc_ec2()
        ),
        case!(
            "SVC-NET-003",
            Error,
            "networkConfiguration.awsvpcConfiguration.subnets",
            vpc(json!({"subnets": [], "securityGroups": ["sg-0123456789abcdef0"]})),
            svc_fargate()
        ),
        case!(
            "SVC-NET-004",
            Error,
            "networkConfiguration.awsvpcConfiguration.securityGroups",
            vpc(json!({"securityGroups": vec!["sg-0123456789abcdef0"; 6]})),
            svc_fargate()
        ),
        case!(
            "SVC-NET-006",
            Error,
            "networkConfiguration.awsvpcConfiguration.subnets[0]",
            vpc(json!({"subnets": ["subnet-xyz"]})),
            svc_fargate()
        ),
        case!(
            "SVC-NET-007",
            Warning,
            "networkConfiguration.awsvpcConfiguration.securityGroups",
            vpc(json!({"securityGroups": null})),
            svc_fargate()
        ),
        case!(
            "SVC-NET-008",
            Error,
            "networkConfiguration.awsvpcConfiguration.assignPublicIp",
            s(
                svc_ec2(),
                json!({"taskDefinition": {"networkMode": "awsvpc", "containerDefinitions": [{"name": "app", "image": "nginx:1", "memory": 256, "user": "1000", "portMappings": [{"containerPort": 80}]}]}, "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0123456789abcdef0"], "securityGroups": ["sg-0123456789abcdef0"], "assignPublicIp": "ENABLED"}}})
            ),
            vpc(json!({"assignPublicIp": "ENABLED"}))
        ),
        case!(
            "SVC-CP-001",
            Error,
            "capacityProviderStrategy",
            s(
                svc_fargate(),
                json!({"capacityProviderStrategy": [{"capacityProvider": "FARGATE", "weight": 1}]})
            ),
            cps(json!([{"capacityProvider": "FARGATE", "weight": 1}]))
        ),
        case!(
            "SVC-CP-002",
            Error,
            "capacityProviderStrategy",
            cps(json!(vec![
                json!({"capacityProvider": "FARGATE", "weight": 1});
                21
            ])),
            cps(json!([{"capacityProvider": "FARGATE", "weight": 1}]))
        ),
        case!(
            "SVC-CP-003",
            Error,
            "capacityProviderStrategy[0].weight",
            cps(json!([{"capacityProvider": "FARGATE", "weight": 2000}])),
            cps(json!([{"capacityProvider": "FARGATE", "weight": 1000}]))
        ),
        case!(
            "SVC-CP-004",
            Error,
            "capacityProviderStrategy[1].base",
            cps(
                json!([{"capacityProvider": "FARGATE", "weight": 1, "base": 1}, {"capacityProvider": "FARGATE_SPOT", "weight": 1, "base": 2}])
            ),
            cps(
                json!([{"capacityProvider": "FARGATE", "weight": 1, "base": 1}, {"capacityProvider": "FARGATE_SPOT", "weight": 3}])
            )
        ),
        case!(
            "SVC-CP-005",
            Error,
            "capacityProviderStrategy",
            cps(
                json!([{"capacityProvider": "FARGATE", "weight": 0}, {"capacityProvider": "FARGATE_SPOT", "weight": 0}])
            ),
            cps(
                json!([{"capacityProvider": "FARGATE", "weight": 0, "base": 1}, {"capacityProvider": "FARGATE_SPOT", "weight": 1}])
            )
        ),
        case!(
            "SVC-CP-006",
            Error,
            "capacityProviderStrategy",
            cps(
                json!([{"capacityProvider": "FARGATE", "weight": 1}, {"capacityProvider": "my-asg-cp", "weight": 1}])
            ),
            cps(
                json!([{"capacityProvider": "FARGATE", "weight": 1}, {"capacityProvider": "FARGATE_SPOT", "weight": 1}])
            )
        ),
        case!(
            "SVC-CP-007",
            Error,
            "capacityProviderStrategy[0].capacityProvider",
            cps(json!([{"capacityProvider": "FARGATE_SPOT", "weight": 1}])),
            cps(json!([{"capacityProvider": "FARGATE", "weight": 1}]))
        )
        .ctx(Context {
            cluster_capacity_providers: Some(vec!["FARGATE".into()]),
            ..Context::default()
        }),
        case!(
            "SVC-CP-008",
            Error,
            "capacityProviderStrategy[0].capacityProvider",
            s(
                cps(json!([{"capacityProvider": "FARGATE_SPOT", "weight": 1}])),
                json!({"platformVersion": "1.2.0"})
            ),
            s(
                cps(json!([{"capacityProvider": "FARGATE_SPOT", "weight": 1}])),
                json!({"platformVersion": "1.4.0"})
            )
        ),
        case!(
            "SVC-CP-009",
            Error,
            "launchType",
            s(svc_fargate(), json!({"launchType": "MANAGED_INSTANCES"})),
            svc_fargate()
        ),
        case!(
            "TD-FG-013",
            Error,
            "capacityProviderStrategy[0].capacityProvider",
            s(
                cps(json!([{"capacityProvider": "FARGATE_SPOT", "weight": 1}])),
                json!({"taskDefinition": {"cpu": "1024", "memory": "2048", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}}})
            ),
            s(
                cps(json!([{"capacityProvider": "FARGATE", "weight": 1}])),
                json!({"taskDefinition": {"cpu": "1024", "memory": "2048", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}}})
            )
        ),
        case!(
            "SVC-PLC-001",
            Error,
            "placementStrategy",
            s(
                svc_fargate(),
                json!({"placementStrategy": [{"type": "random"}]})
            ),
            s(
                svc_ec2(),
                json!({"placementStrategy": [{"type": "random"}]})
            )
        ),
        case!(
            "SVC-PLC-002",
            Error,
            "placementStrategy",
            s(
                svc_ec2(),
                json!({"placementStrategy": vec![json!({"type": "random"}); 6]})
            ),
            s(
                svc_ec2(),
                json!({"placementStrategy": vec![json!({"type": "random"}); 5]})
            )
        ),
        case!(
            "SVC-PLC-003",
            Error,
            "placementConstraints",
            s(
                svc_ec2(),
                json!({"placementConstraints": vec![json!({"type": "distinctInstance"}); 6], "taskDefinition": {"placementConstraints": vec![json!({"type": "memberOf", "expression": "attribute:ecs.os-type == linux"}); 5]}})
            ),
            s(
                svc_ec2(),
                json!({"placementConstraints": vec![json!({"type": "distinctInstance"}); 5], "taskDefinition": {"placementConstraints": vec![json!({"type": "memberOf", "expression": "attribute:ecs.os-type == linux"}); 5]}})
            )
        ),
        case!(
            "SVC-PLC-004",
            Error,
            "placementStrategy[0].field",
            s(
                svc_ec2(),
                json!({"placementStrategy": [{"type": "binpack", "field": "disk"}]})
            ),
            s(
                svc_ec2(),
                json!({"placementStrategy": [{"type": "binpack", "field": "memory"}]})
            )
        ),
        case!(
            "SVC-PLC-005",
            Error,
            "placementStrategy[0].field",
            s(
                svc_ec2(),
                json!({"placementStrategy": [{"type": "spread", "field": "zone"}]})
            ),
            s(
                svc_ec2(),
                json!({"placementStrategy": [{"type": "spread", "field": "attribute:ecs.availability-zone"}]})
            )
        ),
        case!(
            "SVC-PLC-006",
            Warning,
            "placementStrategy[0].field",
            s(
                svc_ec2(),
                json!({"placementStrategy": [{"type": "random", "field": "cpu"}]})
            ),
            s(
                svc_ec2(),
                json!({"placementStrategy": [{"type": "random"}]})
            )
        ),
        case!(
            "SVC-PLC-007",
            Error,
            "placementConstraints[0].expression",
            s(
                svc_ec2(),
                json!({"placementConstraints": [{"type": "distinctInstance", "expression": "x"}]})
            ),
            s(
                svc_ec2(),
                json!({"placementConstraints": [{"type": "distinctInstance"}]})
            )
        ),
        case!(
            "SVC-PLC-008",
            Error,
            "placementConstraints[0].expression",
            s(
                svc_ec2(),
                json!({"placementConstraints": [{"type": "memberOf"}]})
            ),
            s(
                svc_ec2(),
                json!({"placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.instance-type =~ t3.*"}]})
            )
        ),
    ]
}

fn balancing() -> Vec<Case> {
    let tg = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef";
    vec![
        case!(
            "SVC-LB-001",
            Error,
            "loadBalancers[0].containerPort",
            s(
                svc_fargate(),
                json!({"loadBalancers": [{"targetGroupArn": tg, "containerName": "app"}]})
            ),
            s(svc_fargate(), lb("app", 80))
        ),
        case!(
            "SVC-LB-002",
            Error,
            "loadBalancers[0]",
            s(
                svc_ec2(),
                json!({"loadBalancers": [{"targetGroupArn": tg, "loadBalancerName": "classic", "containerName": "app", "containerPort": 80}]})
            ),
            s(svc_ec2(), lb("app", 80))
        ),
        case!(
            "SVC-LB-003",
            Error,
            "loadBalancers[0].containerName",
            s(svc_fargate(), lb("web", 80)),
            s(svc_fargate(), lb("app", 80))
        ),
        case!(
            "SVC-LB-004",
            Error,
            "loadBalancers[0].containerPort",
            s(svc_fargate(), lb("app", 8080)),
            s(svc_fargate(), lb("app", 80))
        ),
        case!(
            "SVC-LB-005",
            Error,
            "loadBalancers",
            s(
                svc_fargate(),
                json!({"loadBalancers": vec![json!({"targetGroupArn": tg, "containerName": "app", "containerPort": 80}); 6]})
            ),
            s(
                svc_fargate(),
                json!({"loadBalancers": vec![json!({"targetGroupArn": tg, "containerName": "app", "containerPort": 80}); 5]})
            )
        ),
        case!(
            "SVC-LB-006",
            Error,
            "loadBalancers",
            s(
                svc_fargate(),
                json!({"deploymentController": {"type": "EXTERNAL"}, "deploymentConfiguration": null, "loadBalancers": vec![json!({"targetGroupArn": tg, "containerName": "app", "containerPort": 80}); 2]})
            ),
            s(
                svc_fargate(),
                json!({"loadBalancers": vec![json!({"targetGroupArn": tg, "containerName": "app", "containerPort": 80}); 2]})
            )
        ),
        case!(
            "SVC-LB-007",
            Error,
            "loadBalancers[0].loadBalancerName",
            s(
                svc_fargate(),
                json!({"loadBalancers": [{"loadBalancerName": "classic", "containerName": "app", "containerPort": 80}]})
            ),
            s(
                svc_ec2(),
                json!({"loadBalancers": [{"loadBalancerName": "classic", "containerName": "app", "containerPort": 80}]})
            )
        ),
        case!(
            "SVC-LB-008",
            Error,
            "loadBalancers",
            s(
                svc_ec2(),
                json!({"loadBalancers": [{"loadBalancerName": "a", "containerName": "app", "containerPort": 80}, {"loadBalancerName": "b", "containerName": "app", "containerPort": 80}]})
            ),
            s(
                svc_ec2(),
                json!({"loadBalancers": [{"loadBalancerName": "a", "containerName": "app", "containerPort": 80}]})
            )
        ),
        case!(
            "SVC-LB-017",
            Error,
            "loadBalancers",
            s(
                svc_fargate(),
                json!({"deploymentController": {"type": "CODE_DEPLOY"}, "deploymentConfiguration": null})
            ),
            s(
                svc_fargate(),
                merge(
                    &lb("app", 80),
                    &json!({"deploymentController": {"type": "CODE_DEPLOY"}, "deploymentConfiguration": null})
                )
            )
        ),
        case!(
            "TD-HC-011",
            Warning,
            "healthCheckGracePeriodSeconds",
            sc0(
                s(svc_fargate(), lb("app", 80)),
                json!({"healthCheck": {"command": ["CMD", "true"], "startPeriod": 120, "interval": 30, "retries": 5}})
            ),
            sc0(
                s(
                    svc_fargate(),
                    merge(
                        &lb("app", 80),
                        &json!({"healthCheckGracePeriodSeconds": 300})
                    )
                ),
                json!({"healthCheck": {"command": ["CMD", "true"], "startPeriod": 120, "interval": 30, "retries": 5}})
            )
        ),
        case!(
            "TD-RP-007",
            Error,
            "taskDefinition",
            s(
                svc_fargate(),
                json!({"platformFamily": "WINDOWS_SERVER_2022_CORE", "taskDefinition": {"runtimePlatform": {"operatingSystemFamily": "LINUX"}}})
            ),
            s(
                svc_fargate(),
                json!({"platformFamily": "LINUX", "taskDefinition": {"runtimePlatform": {"operatingSystemFamily": "LINUX"}}})
            )
        ),
    ]
}

fn service_connect() -> Vec<Case> {
    let base = || named_port(svc_fargate());
    vec![
        case!("SVC-SC-001", Error, "serviceConnectConfiguration.enabled", s(base(), json!({"serviceConnectConfiguration": {"namespace": "demo"}})), s(base(), sc_cfg(json!([{"portName": "http"}])))),
        case!("SVC-SC-002", Error, "serviceConnectConfiguration.services[0].portName", s(base(), sc_cfg(json!([{"portName": "web"}]))), s(base(), sc_cfg(json!([{"portName": "http"}])))),
        case!("SVC-SC-003", Error, "serviceConnectConfiguration.services[0].clientAliases", s(base(), sc_cfg(json!([{"portName": "http", "clientAliases": [{"port": 80}, {"port": 81}]}]))), s(base(), sc_cfg(json!([{"portName": "http", "clientAliases": [{"port": 80}]}])))),
        case!("SVC-SC-004", Error, "serviceConnectConfiguration.services[0].clientAliases[0].port", s(base(), sc_cfg(json!([{"portName": "http", "clientAliases": [{"dnsName": "web"}]}]))), s(base(), sc_cfg(json!([{"portName": "http", "clientAliases": [{"port": 80, "dnsName": "web"}]}])))),
        case!("SVC-SC-005", Error, "serviceConnectConfiguration.services[0].discoveryName", s(base(), sc_cfg(json!([{"portName": "http", "discoveryName": "-web"}]))), s(base(), sc_cfg(json!([{"portName": "http", "discoveryName": "web"}])))),
        case!("SVC-SC-006", Error, "serviceConnectConfiguration", s(base(), merge(&sc_cfg(json!([{"portName": "http"}])), &json!({"platformVersion": "1.3.0"}))), s(base(), merge(&sc_cfg(json!([{"portName": "http"}])), &json!({"platformVersion": "1.4.0"})))),
        case!("SVC-SC-007", Error, "serviceConnectConfiguration.accessLogConfiguration", s(base(), merge(&sc_cfg(json!([{"portName": "http"}])), &json!({"serviceConnectConfiguration": {"accessLogConfiguration": {"format": "TEXT"}}}))), s(base(), sc_cfg(json!([{"portName": "http"}])))),
        case!("SVC-SC-008", Error, "serviceConnectConfiguration.namespace",
            s(base(), merge(&sc_cfg(json!([{"portName": "http"}])), &json!({"serviceConnectConfiguration": {"namespace": "arn:aws:servicediscovery:eu-west-1:123456789012:namespace/ns-abc"}}))),
            s(base(), merge(&sc_cfg(json!([{"portName": "http"}])), &json!({"serviceConnectConfiguration": {"namespace": "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abc"}}))))
            .ctx(Context { region: Some("us-east-1".into()), ..Context::default() }),
        case!("TD-PORT-017", Error, "serviceConnectConfiguration.services[0].portName",
            s(sc0(svc_fargate(), json!({"portMappings": [{"containerPort": 53, "name": "dns", "protocol": "udp"}]})), sc_cfg(json!([{"portName": "dns"}]))),
            s(sc0(svc_fargate(), json!({"portMappings": [{"containerPort": 53, "name": "dns", "protocol": "tcp"}]})), sc_cfg(json!([{"portName": "dns"}])))),
        case!("TD-MEM-007", Error, "taskDefinition.memory",
            s(named_port(svc_fargate()), merge(&sc_cfg(json!([{"portName": "http"}])), &json!({"launchType": "EC2", "networkConfiguration": null, "taskDefinition": {"requiresCompatibilities": ["EC2"], "networkMode": "bridge", "cpu": null, "memory": null, "containerDefinitions": [{"name": "app", "image": "nginx:1", "memory": 256, "portMappings": [{"containerPort": 80, "name": "http"}]}]}}))),
            s(base(), sc_cfg(json!([{"portName": "http"}])))),
    ]
}

fn ebs() -> Vec<Case> {
    let ebs_td = || {
        s(
            svc_fargate(),
            json!({"taskDefinition": {"volumes": [{"name": "data", "configuredAtLaunch": true}]}}),
        )
    };
    let role = "arn:aws:iam::123456789012:role/ecsInfrastructureRole";
    let vc = |m: Value| {
        s(
            ebs_td(),
            json!({"volumeConfigurations": [{"name": "data", "managedEBSVolume": merge(&json!({"roleArn": role, "sizeInGiB": 20, "volumeType": "gp3"}), &m)}]}),
        )
    };
    vec![
        case!(
            "VOL-EBS-002",
            Error,
            "volumeConfigurations[0].name",
            s(
                ebs_td(),
                json!({"volumeConfigurations": [{"name": "logs", "managedEBSVolume": {"roleArn": role, "sizeInGiB": 20}}]})
            ),
            vc(json!({}))
        ),
        case!(
            "VOL-EBS-003",
            Warning,
            "volumeConfigurations",
            ebs_td(),
            vc(json!({}))
        ),
        case!(
            "VOL-EBS-004",
            Error,
            "volumeConfigurations[0].managedEBSVolume.roleArn",
            vc(json!({"roleArn": null})),
            vc(json!({}))
        ),
        case!(
            "VOL-EBS-006",
            Error,
            "volumeConfigurations[0].managedEBSVolume.sizeInGiB",
            vc(json!({"volumeType": "st1", "sizeInGiB": 100})),
            vc(json!({"volumeType": "st1", "sizeInGiB": 125}))
        ),
        case!(
            "VOL-EBS-007",
            Error,
            "volumeConfigurations[0].managedEBSVolume.iops",
            vc(json!({"volumeType": "io2"})),
            vc(json!({"volumeType": "io2", "iops": 1000}))
        ),
        case!(
            "VOL-EBS-008",
            Error,
            "volumeConfigurations[0].managedEBSVolume.throughput",
            vc(json!({"volumeType": "gp2", "throughput": 250})),
            vc(json!({"throughput": 250}))
        ),
        case!(
            "VOL-EBS-009",
            Error,
            "volumeConfigurations[0].managedEBSVolume.volumeType",
            vc(json!({"volumeType": "standard"})),
            vc(json!({"volumeType": "gp2"}))
        ),
        case!(
            "VOL-EBS-010",
            Error,
            "volumeConfigurations[0].managedEBSVolume.volumeInitializationRate",
            vc(json!({"volumeInitializationRate": 100})),
            vc(json!({"volumeInitializationRate": 100, "snapshotId": "snap-0123456789abcdef0"}))
        ),
        case!(
            "VOL-EBS-011",
            Error,
            "volumeConfigurations[0].managedEBSVolume.filesystemType",
            vc(json!({"filesystemType": "ntfs"})),
            vc(json!({"filesystemType": "xfs"}))
        ),
    ]
}

#[test]
fn base_services_are_clean() {
    for doc in [svc_fargate(), svc_ec2()] {
        let r = check(Kind::Service, &doc, &Context::default());
        assert!(r.findings.is_empty(), "{:#?}", r.findings);
    }
}

#[test]
fn every_service_rule_fails_its_bad_case_and_passes_its_good_case() {
    let cases: Vec<Case> = [
        basics(),
        live(),
        deployment(),
        networking(),
        balancing(),
        service_connect(),
        ebs(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let n = run(cases, |doc, ctx| check(Kind::Service, doc, ctx).findings);
    assert!(n >= 80, "{n} cases");
}

#[test]
fn the_named_task_definition_can_come_from_the_context() {
    let mut doc = svc_fargate();
    doc["taskDefinition"] = json!("web:3");
    doc["loadBalancers"] = lb("nope", 80)["loadBalancers"].clone();
    let without = check(Kind::Service, &doc, &Context::default());
    assert!(without.findings.iter().all(|f| f.rule != "SVC-LB-003"));
    let ctx = Context {
        task_definition: Some(Box::new(serde_json::from_value(fargate()).unwrap())),
        ..Context::default()
    };
    let with = check(Kind::Service, &doc, &ctx);
    assert!(with
        .findings
        .iter()
        .any(|f| f.rule == "SVC-LB-003" && f.path == "loadBalancers[0].containerName"));
}

#[test]
fn inline_task_definition_findings_are_prefixed() {
    let doc = sc0(
        svc_fargate(),
        json!({"portMappings": [{"containerPort": 80, "hostPort": 81}]}),
    );
    let r = check(Kind::Service, &doc, &Context::default());
    assert!(
        r.findings.iter().any(|f| f.rule == "TD-PORT-002"
            && f.path == "taskDefinition.containerDefinitions[0].portMappings[0].hostPort"),
        "{:#?}",
        r.findings
    );
}
