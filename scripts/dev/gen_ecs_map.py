#!/usr/bin/env python3
"""Generates backend/src/aws/ecs_map.rs: the field-by-field conversion between the
validator's task definition types (validate/src/ecs/task_definition/model.rs) and the
aws-sdk-ecs types, read from both sources. Run after changing either:

    python3 scripts/dev/gen_ecs_map.py > backend/src/aws/ecs_map.rs && cargo fmt
"""
import glob, os, re, sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sdk = sorted(glob.glob(os.path.expanduser('~/.cargo/registry/src/*/aws-sdk-ecs-1.*')))[-1]

OURS = {
    'ContainerDefinition': 'ContainerDefinition', 'RepositoryCredentials': 'RepositoryCredentials',
    'PortMapping': 'PortMapping', 'RestartPolicy': 'ContainerRestartPolicy', 'KeyValuePair': 'KeyValuePair',
    'EnvironmentFile': 'EnvironmentFile', 'MountPoint': 'MountPoint', 'VolumeFrom': 'VolumeFrom',
    'LinuxParameters': 'LinuxParameters', 'KernelCapabilities': 'KernelCapabilities', 'Device': 'Device',
    'Tmpfs': 'Tmpfs', 'Secret': 'Secret', 'ContainerDependency': 'ContainerDependency', 'HostEntry': 'HostEntry',
    'Ulimit': 'Ulimit', 'LogConfiguration': 'LogConfiguration', 'HealthCheck': 'HealthCheck',
    'SystemControl': 'SystemControl', 'ResourceRequirement': 'ResourceRequirement',
    'FirelensConfiguration': 'FirelensConfiguration', 'EcsTag': 'Tag',
    'PlacementConstraint': 'TaskDefinitionPlacementConstraint', 'ProxyConfiguration': 'ProxyConfiguration',
    'InferenceAccelerator': 'InferenceAccelerator', 'EphemeralStorage': 'EphemeralStorage',
    'RuntimePlatform': 'RuntimePlatform', 'Volume': 'Volume', 'HostVolumeProperties': 'HostVolumeProperties',
    'DockerVolumeConfiguration': 'DockerVolumeConfiguration', 'EfsVolumeConfiguration': 'EfsVolumeConfiguration',
    'EfsAuthorizationConfig': 'EfsAuthorizationConfig',
    'FsxWindowsVolumeConfiguration': 'FSxWindowsFileServerVolumeConfiguration',
    'FsxAuthorizationConfig': 'FSxWindowsFileServerAuthorizationConfig',
    'TaskDefinition': 'TaskDefinition',
}

def norm(name):
    name = name.replace('r#', '')
    return {'kind': 'type'}.get(name, name).replace('_', '').lower()

def snake(name):
    return re.sub(r'(?<!^)(?=[A-Z])', '_', name).lower()

# Our structs: name -> [(field, type)]
model = open(os.path.join(root, 'validate/src/ecs/task_definition/model.rs')).read()
ours = {}
for m in re.finditer(r'pub struct (\w+) \{\n(.*?)\n    \}', model, re.S):
    fields = re.findall(r'pub (\w+): (.+?) = "', m.group(2))
    ours[m.group(1)] = fields

# SDK structs: name -> {norm: (field, type)}, and whether build() returns Result.
sdk_types, sdk_result = {}, {}
for path in glob.glob(os.path.join(sdk, 'src/types/_*.rs')):
    text = open(path).read()
    for m in re.finditer(r'\npub struct (\w+) \{\n(.*?)\n\}', text, re.S):
        fields = re.findall(r'    pub ([a-z_#0-9]+): (.+?),\n', m.group(2) + '\n')
        sdk_types[m.group(1)] = {norm(f): (f, t) for f, t in fields}
    b = re.search(r'pub fn build\(\s*self,?\s*\)\s*->\s*(::std::result::Result)?', text)
    for m in re.finditer(r'\npub struct (\w+) \{', text):
        sdk_result[m.group(1)] = bool(b and b.group(1))

def inner(t, wrapper):
    m = re.fullmatch(re.escape(wrapper) + r'<(.+)>', t)
    return m.group(1) if m else None

def strip_path(t):
    return t.replace('::std::option::Option', 'Option').replace('::std::vec::Vec', 'Vec') \
        .replace('::std::string::String', 'String').replace('::std::collections::HashMap', 'HashMap') \
        .replace('crate::types::', '')

def to_sdk_expr(ours_t, sdk_t, access):
    """Expression converting our `access` (an &Option<..>) into the SDK setter's Option<..>."""
    st = strip_path(sdk_t)
    if not st.startswith('Option<'):
        st = 'Option<' + st + '>'
    s_in = st[7:-1]
    o_in = ours_t[7:-1]
    if s_in == 'String' and o_in == 'SizeText':
        return f'{access}.as_ref().map(|s| s.0.clone())'
    if s_in == o_in == 'bool':
        return access
    if s_in == o_in and s_in in ('String', 'Vec<String>'):
        return f'{access}.clone()'
    if s_in == 'i32' and o_in == 'i64':
        return f'{access}.and_then(|v| i32::try_from(v).ok())'
    if s_in.startswith('HashMap<'):
        return f'{access}.as_ref().map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())'
    if s_in.startswith('Vec<'):
        se, oe = s_in[4:-1], o_in[4:-1]
        if se in sdk_types:
            return f'{access}.as_ref().map(|v| v.iter().map(to_{snake(oe)}).collect::<Result<Vec<_>, BuildError>>()).transpose()?'
        if oe == 'i64' and se == 'i32':
            return f'{access}.as_ref().map(|v| v.iter().filter_map(|n| i32::try_from(*n).ok()).collect())'
        return f'{access}.as_ref().map(|v| v.iter().map(|s| ecs::types::{se}::from(s.as_str())).collect())'
    if s_in in sdk_types:
        return f'{access}.as_ref().map(to_{snake(o_in)}).transpose()?'
    if o_in == 'String':
        return f'{access}.as_deref().map(ecs::types::{s_in}::from)'
    raise SystemExit(f'no conversion for ours {ours_t} -> sdk {sdk_t}')

def from_sdk_expr(ours_t, sdk_t, access):
    """Expression building our Option<..> from the SDK struct's public field `access`."""
    st = strip_path(sdk_t)
    o_in = ours_t[7:-1]
    if not st.startswith('Option<'):
        # A required member: always present in the SDK's struct.
        if st == 'i32' and access.endswith('.cpu'):
            return f'({access} != 0).then_some(i64::from({access}))'  # 0 means "not set"
        if st == 'i32':
            return f'Some(i64::from({access}))'
        if st == 'bool':
            return f'Some({access})'
        if st == 'String' or st == o_in:
            return f'Some({access}.clone())'
        if st.startswith('Vec<'):
            se, oe = st[4:-1], o_in[4:-1]
            if se in sdk_types:
                return f'Some({access}.iter().map(from_{snake(oe)}).collect())'
            if se == 'String':
                return f'Some({access}.clone())'
            return f'Some({access}.iter().map(|e| e.as_str().to_string()).collect())'
        if o_in == 'String':
            return f'Some({access}.as_str().to_string())'
        raise SystemExit(f'bare {st} for {access}')
    s_in = st[7:-1]
    if s_in == 'String' and o_in == 'SizeText':
        return f'{access}.clone().map(SizeText)'
    if s_in == o_in == 'Vec<String>':
        return f'{access}.clone().filter(|v| !v.is_empty())'
    if s_in == o_in == 'bool':
        return access
    if s_in == o_in == 'String':
        return f'{access}.clone()'
    if s_in == 'i32' and o_in == 'i64':
        return f'{access}.map(i64::from)'
    # AWS answers [] / {} for lists and maps that were never set: export them as absent.
    if s_in.startswith('HashMap<'):
        return f'{access}.as_ref().filter(|m| !m.is_empty()).map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())'
    if s_in.startswith('Vec<'):
        se, oe = s_in[4:-1], o_in[4:-1]
        if se in sdk_types:
            return f'{access}.as_ref().filter(|v| !v.is_empty()).map(|v| v.iter().map(from_{snake(oe)}).collect())'
        if oe == 'i64' and se == 'i32':
            return f'{access}.as_ref().filter(|v| !v.is_empty()).map(|v| v.iter().map(|n| i64::from(*n)).collect())'
        return f'{access}.as_ref().filter(|v| !v.is_empty()).map(|v| v.iter().map(|e| e.as_str().to_string()).collect())'
    if s_in in sdk_types:
        return f'{access}.as_ref().map(from_{snake(o_in)})'
    if o_in == 'String':
        return f'{access}.as_ref().map(|e| e.as_str().to_string())'
    raise SystemExit(f'no conversion for sdk {sdk_t} -> ours {ours_t}')

out = ['''//! Generated by `scripts/dev/gen_ecs_map.py` from the validator's task definition types and
//! aws-sdk-ecs: the conversion of a `RegisterTaskDefinition` document into the SDK's request
//! types, and of a described task definition back into the document (for export and diffs).
//! Do not edit by hand; change the generator or the types and regenerate.
#![allow(
    deprecated,
    clippy::needless_question_mark,
    clippy::redundant_closure,
    clippy::needless_update
)]

use aws_sdk_ecs as ecs;
use aws_smithy_types::error::operation::BuildError;
use validate::ecs::task_definition::*;
''']
skipped = []
for ours_name, sdk_name in OURS.items():
    if ours_name == 'TaskDefinition':
        continue
    fields = ours[ours_name]
    s_fields = sdk_types[sdk_name]
    sets, gets = [], []
    for f, t in fields:
        key = norm(f)
        if key not in s_fields or t == 'Option<serde_json::Value>':
            skipped.append(f'{ours_name}.{f}')
            continue
        sf, st = s_fields[key]
        sets.append(f'        .set_{sf.replace("r#", "")}({to_sdk_expr(t, st, "x." + f)})')
        gets.append(f'        {f}: {from_sdk_expr(t, st, "x." + sf)},')
    result = sdk_result.get(sdk_name, False)
    build = '.build()?' if result else '.build()'
    out.append(f'''
/// Our `{ours_name}` as the SDK's `{sdk_name}`.
pub fn to_{snake(ours_name)}(x: &{ours_name}) -> Result<ecs::types::{sdk_name}, BuildError> {{
    Ok(ecs::types::{sdk_name}::builder()
{chr(10).join(sets)}
        {build})
}}

/// The SDK's `{sdk_name}` as our `{ours_name}`.
pub fn from_{snake(ours_name)}(x: &ecs::types::{sdk_name}) -> {ours_name} {{
    {ours_name} {{
{chr(10).join(gets)}
        ..Default::default()
    }}
}}''')

# The request: a fluent builder setter per field; the described task definition back.
sets, gets = [], []
s_fields = sdk_types['TaskDefinition']
req = open(glob.glob(os.path.join(sdk, 'src/operation/register_task_definition/_register_task_definition_input.rs'))[0]).read()
req_fields = {norm(f): (f, t) for f, t in re.findall(r'    pub ([a-z_#0-9]+): (.+?),\n', req.split('pub struct RegisterTaskDefinitionInput {')[1].split('\n}')[0] + '\n')}
for f, t in ours['TaskDefinition']:
    key = norm(f)
    if key in req_fields:
        rf, rt = req_fields[key]
        sets.append(f'        .set_{rf}({to_sdk_expr(t, rt, "td." + f)})')
    else:
        skipped.append(f'RegisterTaskDefinitionInput.{f}')
    if key in s_fields:
        sf, st = s_fields[key]
        gets.append(f'        {f}: {from_sdk_expr(t, st, "x." + sf)},')
    elif key != 'tags':
        skipped.append(f'TaskDefinition(output).{f}')
out.append(f'''
/// Fills a `RegisterTaskDefinition` call from the document.
pub fn register_request(
    call: ecs::operation::register_task_definition::builders::RegisterTaskDefinitionFluentBuilder,
    td: &TaskDefinition,
) -> Result<ecs::operation::register_task_definition::builders::RegisterTaskDefinitionFluentBuilder, BuildError> {{
    Ok(call
{chr(10).join(sets)})
}}

/// A described task definition (and its tags) as the `RegisterTaskDefinition` document.
pub fn from_task_definition(x: &ecs::types::TaskDefinition, tags: &[ecs::types::Tag]) -> TaskDefinition {{
    TaskDefinition {{
{chr(10).join(gets)}
        tags: (!tags.is_empty()).then(|| tags.iter().map(from_ecs_tag).collect()),
        ..Default::default()
    }}
}}
''')
out.append('// Fields without an SDK counterpart: ' + (', '.join(skipped) or 'none') + '\n')
print('\n'.join(out))
