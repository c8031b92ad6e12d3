//! The Fargate task size table (catalogue §1.1) as data, and the parsing of task-level `cpu`
//! and `memory` strings (`"1024"`, `"1 vCPU"`, `".25 vcpu"`, `"2GB"`, `"2 GB"`).
//!
//! The wizard asks [`memory_choices`] which memory sizes to offer for a chosen cpu, and the
//! TD-CPU rules check a pair against the same rows, so the two can never disagree.

/// Which memory sizes a row allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemoryRange {
    /// An explicit list (MiB).
    List(&'static [u32]),
    /// `min..=max` in steps of `step` (MiB).
    Step { min: u32, max: u32, step: u32 },
}

/// One row of the Fargate size table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FargateSize {
    /// CPU units (1024 = 1 vCPU).
    pub cpu: u32,
    pub memory: MemoryRange,
    /// Windows containers may use this size on Fargate.
    pub windows: bool,
    /// Lowest Linux platform version that offers this size (`None`: every version).
    pub min_linux_platform: Option<&'static str>,
}

/// The complete table (ECS API `RegisterTaskDefinition.memory`; task-cpu-memory-error page).
pub const FARGATE_SIZES: [FargateSize; 7] = [
    FargateSize {
        cpu: 256,
        memory: MemoryRange::List(&[512, 1024, 2048]),
        windows: false,
        min_linux_platform: None,
    },
    FargateSize {
        cpu: 512,
        memory: MemoryRange::Step {
            min: 1024,
            max: 4096,
            step: 1024,
        },
        windows: false,
        min_linux_platform: None,
    },
    FargateSize {
        cpu: 1024,
        memory: MemoryRange::Step {
            min: 2048,
            max: 8192,
            step: 1024,
        },
        windows: true,
        min_linux_platform: None,
    },
    FargateSize {
        cpu: 2048,
        memory: MemoryRange::Step {
            min: 4096,
            max: 16384,
            step: 1024,
        },
        windows: true,
        min_linux_platform: None,
    },
    FargateSize {
        cpu: 4096,
        memory: MemoryRange::Step {
            min: 8192,
            max: 30720,
            step: 1024,
        },
        windows: true,
        min_linux_platform: None,
    },
    FargateSize {
        cpu: 8192,
        memory: MemoryRange::Step {
            min: 16384,
            max: 61440,
            step: 4096,
        },
        windows: false,
        min_linux_platform: Some("1.4.0"),
    },
    FargateSize {
        cpu: 16384,
        memory: MemoryRange::Step {
            min: 32768,
            max: 122880,
            step: 8192,
        },
        windows: false,
        min_linux_platform: Some("1.4.0"),
    },
];

impl MemoryRange {
    /// Every allowed value, ascending.
    pub fn values(self) -> Vec<u32> {
        match self {
            MemoryRange::List(list) => list.to_vec(),
            MemoryRange::Step { min, max, step } => (min..=max).step_by(step as usize).collect(),
        }
    }

    pub fn contains(self, mib: u32) -> bool {
        match self {
            MemoryRange::List(list) => list.contains(&mib),
            MemoryRange::Step { min, max, step } => {
                (min..=max).contains(&mib) && (mib - min).is_multiple_of(step)
            }
        }
    }
}

/// The table row for `cpu` units, if Fargate offers that size.
pub fn size(cpu: u32) -> Option<&'static FargateSize> {
    FARGATE_SIZES.iter().find(|s| s.cpu == cpu)
}

/// The cpu sizes Fargate offers for this OS (`windows`: a Windows family).
pub fn cpu_choices(windows: bool) -> Vec<u32> {
    FARGATE_SIZES
        .iter()
        .filter(|s| !windows || s.windows)
        .map(|s| s.cpu)
        .collect()
}

/// The memory sizes (MiB) Fargate allows for `cpu` units; empty for a cpu it does not offer.
pub fn memory_choices(cpu: u32) -> Vec<u32> {
    size(cpu).map(|s| s.memory.values()).unwrap_or_default()
}

/// Whether the cpu/memory pair is in the table.
pub fn is_valid_pair(cpu: u32, memory: u32) -> bool {
    size(cpu).is_some_and(|s| s.memory.contains(memory))
}

/// Parses task-level `cpu` into CPU units: `"1024"`, `"1 vCPU"`, `".25 vcpu"`, `"0.5vCPU"`.
pub fn parse_cpu(text: &str) -> Option<u32> {
    parse_with_unit(text, "vcpu")
}

/// Parses task-level `memory` into MiB: `"2048"`, `"2GB"`, `"0.5 GB"`.
pub fn parse_memory(text: &str) -> Option<u32> {
    parse_with_unit(text, "gb")
}

fn parse_with_unit(text: &str, unit: &str) -> Option<u32> {
    let t = text.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().ok();
    }
    let lower = t.to_ascii_lowercase();
    let number = lower.strip_suffix(unit)?.trim_end();
    // Decimal arithmetic on integers: `.25` → 25/100 of 1024, exact or rejected.
    let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && frac.is_empty()) || !digits(whole) || !digits(frac) || frac.len() > 6 {
        return None;
    }
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let scale = 10u64.pow(frac.len() as u32);
    let frac: u64 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    let scaled = frac * 1024;
    if !scaled.is_multiple_of(scale) {
        return None;
    }
    u32::try_from(whole.checked_mul(1024)?.checked_add(scaled / scale)?).ok()
}

/// Formats CPU units for people: `256` → `0.25 vCPU`, `2048` → `2 vCPU`.
pub fn describe_cpu(cpu: u32) -> String {
    let whole = cpu / 1024;
    let hundredths = (cpu % 1024) * 100 / 1024;
    if hundredths == 0 {
        format!("{whole} vCPU")
    } else {
        let frac = format!("{hundredths:02}");
        format!("{whole}.{} vCPU", frac.trim_end_matches('0'))
    }
}

/// Formats MiB for people: `512` → `512 MiB`, `2048` → `2 GB`.
pub fn describe_memory(mib: u32) -> String {
    if mib >= 1024 && mib.is_multiple_of(1024) {
        format!("{} GB", mib / 1024)
    } else {
        format!("{mib} MiB")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_forms() {
        assert_eq!(parse_cpu("1024"), Some(1024));
        assert_eq!(parse_cpu("1 vCPU"), Some(1024));
        assert_eq!(parse_cpu(".25 vcpu"), Some(256));
        assert_eq!(parse_cpu("0.5vCPU"), Some(512));
        assert_eq!(parse_cpu("1.1 vCPU"), None);
        assert_eq!(parse_cpu("lots"), None);
        assert_eq!(parse_memory("2GB"), Some(2048));
        assert_eq!(parse_memory("2 GB"), Some(2048));
        assert_eq!(parse_memory("512"), Some(512));
        assert_eq!(parse_memory("2 MB"), None);
        assert_eq!(parse_memory("0.5GB"), Some(512));
        assert_eq!(parse_cpu("."), None);
        assert_eq!(describe_cpu(256), "0.25 vCPU");
        assert_eq!(describe_cpu(512), "0.5 vCPU");
        assert_eq!(describe_cpu(16384), "16 vCPU");
    }

    #[test]
    fn table_counts_match_the_catalogue() {
        let counts: Vec<usize> = FARGATE_SIZES
            .iter()
            .map(|s| s.memory.values().len())
            .collect();
        assert_eq!(counts, [3, 4, 7, 13, 23, 12, 12]);
        assert!(is_valid_pair(256, 512));
        assert!(!is_valid_pair(256, 4096));
        assert!(is_valid_pair(16384, 122880));
        assert!(!is_valid_pair(8192, 18432));
        assert_eq!(cpu_choices(true), [1024, 2048, 4096]);
        assert_eq!(memory_choices(512), [1024, 2048, 3072, 4096]);
        assert!(memory_choices(300).is_empty());
    }
}
