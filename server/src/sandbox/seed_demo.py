"""Seeds Berth's sandbox account in moto (region us-east-1, account 123456789012).

Run by `berth serve --sandbox` with the moto venv's Python (boto3 comes with moto), pointed at
the emulator by AWS_ENDPOINT_URL. Idempotent: an account that already has the `demo` cluster is
left alone. Prints one JSON line describing what exists.
"""
import json
import sys

import boto3

REGION = "us-east-1"
kw = {"region_name": REGION}
ec2 = boto3.client("ec2", **kw)
ecs = boto3.client("ecs", **kw)
ecr = boto3.client("ecr", **kw)
iam = boto3.client("iam", **kw)
efs = boto3.client("efs", **kw)
logs = boto3.client("logs", **kw)

clusters = ecs.describe_clusters(clusters=["demo"])["clusters"]
if any(c.get("status") == "ACTIVE" for c in clusters):
    print(json.dumps({"seeded": False, "reason": "the demo cluster already exists"}))
    sys.exit(0)


def tags(name):
    return [{"Key": "Name", "Value": name}, {"Key": "berth:team", "Value": "demo"}]


vpc = ec2.create_vpc(
    CidrBlock="10.0.0.0/16",
    TagSpecifications=[{"ResourceType": "vpc", "Tags": tags("demo")}],
)["Vpc"]["VpcId"]
ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
public_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
ec2.create_route(RouteTableId=public_rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
private_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]

public_subnets, private_subnets = [], []
for i, az in enumerate(["us-east-1a", "us-east-1b"]):
    for kind, cidr, table, out in (
        ("public", f"10.0.{i}.0/24", public_rt, public_subnets),
        ("private", f"10.0.{10 + i}.0/24", private_rt, private_subnets),
    ):
        subnet = ec2.create_subnet(
            VpcId=vpc,
            CidrBlock=cidr,
            AvailabilityZone=az,
            TagSpecifications=[{"ResourceType": "subnet", "Tags": tags(f"demo-{kind}-{az}")}],
        )["Subnet"]["SubnetId"]
        ec2.associate_route_table(RouteTableId=table, SubnetId=subnet)
        out.append(subnet)

tasks_sg = ec2.create_security_group(
    GroupName="demo-web-tasks", Description="demo web tasks", VpcId=vpc
)["GroupId"]
efs_sg = ec2.create_security_group(
    GroupName="demo-efs", Description="NFS from demo tasks", VpcId=vpc
)["GroupId"]
ec2.authorize_security_group_ingress(
    GroupId=efs_sg,
    IpPermissions=[{
        "IpProtocol": "tcp", "FromPort": 2049, "ToPort": 2049,
        "UserIdGroupPairs": [{"GroupId": tasks_sg}],
    }],
)

ecs.create_cluster(clusterName="demo", tags=[{"key": "berth:team", "value": "demo"}])

ecr.create_repository(
    repositoryName="demo/web",
    imageTagMutability="IMMUTABLE",
    tags=[{"Key": "berth:team", "Value": "demo"}],
)
ecr.put_lifecycle_policy(
    repositoryName="demo/web",
    lifecyclePolicyText=json.dumps({"rules": [
        {"rulePriority": 1, "description": "Expire untagged images 14 days after push",
         "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed",
                       "countUnit": "days", "countNumber": 14},
         "action": {"type": "expire"}},
        {"rulePriority": 2, "description": "Keep the last 30 tagged images",
         "selection": {"tagStatus": "tagged", "tagPatternList": ["*"],
                       "countType": "imageCountMoreThan", "countNumber": 30},
         "action": {"type": "expire"}},
    ]}),
)

# Three pushed images, so the image picker has tags to offer (moto derives the digests
# from the manifests).
for n, tag in enumerate(["1.0.0", "1.1.0", "1.2.0"]):
    ecr.put_image(
        repositoryName="demo/web",
        imageTag=tag,
        imageManifest=json.dumps({
            "schemaVersion": 2,
            "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
            "config": {"mediaType": "application/vnd.docker.container.image.v1+json",
                       "size": 1000 + n, "digest": "sha256:" + f"{n:064x}"},
            "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                        "size": 2000 + n, "digest": "sha256:" + f"{n + 16:064x}"}],
        }),
    )

trust = {
    "Version": "2012-10-17",
    "Statement": [{
        "Effect": "Allow",
        "Principal": {"Service": "ecs-tasks.amazonaws.com"},
        "Action": "sts:AssumeRole",
    }],
}
# Berth's roles belong to the team in their berth:team tag; the demo's are team demo's.
demo_tags = [{"Key": "berth:team", "Value": "demo"}, {"Key": "berth:managed", "Value": "true"}]
role_arn = iam.create_role(
    RoleName="demo-web-exec", AssumeRolePolicyDocument=json.dumps(trust), Tags=demo_tags
)["Role"]["Arn"]
iam.put_role_policy(
    RoleName="demo-web-exec",
    PolicyName="ecs-task-execution",
    PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"},
            {"Effect": "Allow",
             "Action": ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer",
                        "ecr:BatchGetImage"],
             "Resource": "arn:aws:ecr:us-east-1:123456789012:repository/demo/web"},
            {"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
             "Resource": "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/demo-web:*"},
        ],
    }),
)

# A task role made the way the seeds' primer shows it: trusting EC2 instead of ECS tasks.
# Berth flags it on the role page and offers the fix.
iam.create_role(
    RoleName="demo-legacy-task",
    Description="Made by hand from the primer: the wrong principal",
    Tags=demo_tags,
    AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"Service": "ec2.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }],
    }),
)

logs.create_log_group(logGroupName="/ecs/demo-web")
task_def = ecs.register_task_definition(
    family="demo-web",
    requiresCompatibilities=["FARGATE"],
    networkMode="awsvpc",
    cpu="256",
    memory="512",
    runtimePlatform={"operatingSystemFamily": "LINUX", "cpuArchitecture": "X86_64"},
    executionRoleArn=role_arn,
    containerDefinitions=[{
        "name": "web",
        "image": "public.ecr.aws/nginx/nginx:1.27",
        "essential": True,
        "portMappings": [{"containerPort": 80, "protocol": "tcp"}],
        "logConfiguration": {"logDriver": "awslogs", "options": {
            "awslogs-group": "/ecs/demo-web",
            "awslogs-region": REGION,
            "awslogs-stream-prefix": "web",
        }},
    }],
)["taskDefinition"]["taskDefinitionArn"]

ecs.create_service(
    cluster="demo",
    serviceName="web",
    taskDefinition=task_def,
    desiredCount=2,
    launchType="FARGATE",
    networkConfiguration={"awsvpcConfiguration": {
        "subnets": private_subnets,
        "securityGroups": [tasks_sg],
        "assignPublicIp": "DISABLED",
    }},
    deploymentConfiguration={
        "deploymentCircuitBreaker": {"enable": True, "rollback": True},
        "maximumPercent": 200,
        "minimumHealthyPercent": 100,
    },
)

fs = efs.create_file_system(
    CreationToken="berth-demo", Encrypted=True, Tags=tags("demo")
)["FileSystemId"]
for subnet in private_subnets:
    efs.create_mount_target(FileSystemId=fs, SubnetId=subnet, SecurityGroups=[efs_sg])

print(json.dumps({
    "seeded": True, "vpc": vpc, "publicSubnets": public_subnets,
    "privateSubnets": private_subnets, "cluster": "demo", "repository": "demo/web",
    "executionRole": role_arn, "taskDefinition": task_def, "service": "web", "fileSystem": fs,
}))
