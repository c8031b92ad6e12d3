//! Networking and load-balancing documents: VPC endpoint plans (catalogue §2.22) and target
//! group health checks (§2.23).

pub mod endpoints;
pub mod target_group;
