// generated from spec/resource-sharing.openapi.yaml by `cargo xtask generate`; do not edit

//! The types of the `resource-sharing` feature, compiled only with it.
/// The `ShareStatus` values.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ShareStatus {
    /// `active`
    Active,
    /// `deleting`
    Deleting,
    /// `deleted`
    Deleted,
    /// A value this version of the client does not know; it is kept as sent.
    Unknown(String),
}
impl ShareStatus {
    /// Every value the API documents, as sent on the wire.
    pub const VALUES: &'static [&'static str] = &["active", "deleting", "deleted"];
    /// The value as sent on the wire.
    #[inline]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Active => "active",
            Self::Deleting => "deleting",
            Self::Deleted => "deleted",
            Self::Unknown(value) => value.as_str(),
        }
    }
}
impl From<&str> for ShareStatus {
    #[inline]
    fn from(value: &str) -> Self {
        match value {
            "active" => Self::Active,
            "deleting" => Self::Deleting,
            "deleted" => Self::Deleted,
            other => Self::Unknown(other.to_owned()),
        }
    }
}
crate::runtime::open_enum!(ShareStatus);
/// The `ShareKind` values.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ShareKind {
    /// `sent`
    Sent,
    /// `received`
    Received,
    /// A value this version of the client does not know; it is kept as sent.
    Unknown(String),
}
impl ShareKind {
    /// Every value the API documents, as sent on the wire.
    pub const VALUES: &'static [&'static str] = &["sent", "received"];
    /// The value as sent on the wire.
    #[inline]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Sent => "sent",
            Self::Received => "received",
            Self::Unknown(value) => value.as_str(),
        }
    }
}
impl From<&str> for ShareKind {
    #[inline]
    fn from(value: &str) -> Self {
        match value {
            "sent" => Self::Sent,
            "received" => Self::Received,
            other => Self::Unknown(other.to_owned()),
        }
    }
}
crate::runtime::open_enum!(ShareKind);
/// The `ShareTargetType` values.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ShareTargetType {
    /// `account`
    Account,
    /// `organization`
    Organization,
    /// A value this version of the client does not know; it is kept as sent.
    Unknown(String),
}
impl ShareTargetType {
    /// Every value the API documents, as sent on the wire.
    pub const VALUES: &'static [&'static str] = &["account", "organization"];
    /// The value as sent on the wire.
    #[inline]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Account => "account",
            Self::Organization => "organization",
            Self::Unknown(value) => value.as_str(),
        }
    }
}
impl From<&str> for ShareTargetType {
    #[inline]
    fn from(value: &str) -> Self {
        match value {
            "account" => Self::Account,
            "organization" => Self::Organization,
            other => Self::Unknown(other.to_owned()),
        }
    }
}
crate::runtime::open_enum!(ShareTargetType);
/// Resource Type.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ResourceType {
    /// `custom-ruleset`
    CustomRuleset,
    /// `gateway-policy`
    GatewayPolicy,
    /// `gateway-destination-ip`
    GatewayDestinationIp,
    /// `gateway-block-page-settings`
    GatewayBlockPageSettings,
    /// `gateway-extended-email-matching`
    GatewayExtendedEmailMatching,
    /// `idp-federation-grant`
    IdpFederationGrant,
    /// A value this version of the client does not know; it is kept as sent.
    Unknown(String),
}
impl ResourceType {
    /// Every value the API documents, as sent on the wire.
    pub const VALUES: &'static [&'static str] = &[
        "custom-ruleset",
        "gateway-policy",
        "gateway-destination-ip",
        "gateway-block-page-settings",
        "gateway-extended-email-matching",
        "idp-federation-grant",
    ];
    /// The value as sent on the wire.
    #[inline]
    pub fn as_str(&self) -> &str {
        match self {
            Self::CustomRuleset => "custom-ruleset",
            Self::GatewayPolicy => "gateway-policy",
            Self::GatewayDestinationIp => "gateway-destination-ip",
            Self::GatewayBlockPageSettings => "gateway-block-page-settings",
            Self::GatewayExtendedEmailMatching => "gateway-extended-email-matching",
            Self::IdpFederationGrant => "idp-federation-grant",
            Self::Unknown(value) => value.as_str(),
        }
    }
}
impl From<&str> for ResourceType {
    #[inline]
    fn from(value: &str) -> Self {
        match value {
            "custom-ruleset" => Self::CustomRuleset,
            "gateway-policy" => Self::GatewayPolicy,
            "gateway-destination-ip" => Self::GatewayDestinationIp,
            "gateway-block-page-settings" => Self::GatewayBlockPageSettings,
            "gateway-extended-email-matching" => Self::GatewayExtendedEmailMatching,
            "idp-federation-grant" => Self::IdpFederationGrant,
            other => Self::Unknown(other.to_owned()),
        }
    }
}
crate::runtime::open_enum!(ResourceType);
/// The `Order` values.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Order {
    /// `name`
    Name,
    /// `created`
    Created,
    /// A value this version of the client does not know; it is kept as sent.
    Unknown(String),
}
impl Order {
    /// Every value the API documents, as sent on the wire.
    pub const VALUES: &'static [&'static str] = &["name", "created"];
    /// The value as sent on the wire.
    #[inline]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Name => "name",
            Self::Created => "created",
            Self::Unknown(value) => value.as_str(),
        }
    }
}
impl From<&str> for Order {
    #[inline]
    fn from(value: &str) -> Self {
        match value {
            "name" => Self::Name,
            "created" => Self::Created,
            other => Self::Unknown(other.to_owned()),
        }
    }
}
crate::runtime::open_enum!(Order);
/// The `Direction` values.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Direction {
    /// `asc`
    Asc,
    /// `desc`
    Desc,
    /// A value this version of the client does not know; it is kept as sent.
    Unknown(String),
}
impl Direction {
    /// Every value the API documents, as sent on the wire.
    pub const VALUES: &'static [&'static str] = &["asc", "desc"];
    /// The value as sent on the wire.
    #[inline]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Asc => "asc",
            Self::Desc => "desc",
            Self::Unknown(value) => value.as_str(),
        }
    }
}
impl From<&str> for Direction {
    #[inline]
    fn from(value: &str) -> Self {
        match value {
            "asc" => Self::Asc,
            "desc" => Self::Desc,
            other => Self::Unknown(other.to_owned()),
        }
    }
}
crate::runtime::open_enum!(Direction);
/// The `ShareObject` object.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct ShareObject {
    /// Account identifier.
    ///
    /// - Maximum length: 32
    /// - Example: `"023e105f4ecef8ad9ca31a8372d0c353"`
    pub account_id: String,
    /// The display name of an account.
    ///
    /// - Example: `"Account A"`
    pub account_name: String,
    /// The number of recipients in the 'associated' state. This field is only included when requested via the 'include_recipient_counts' parameter.
    ///
    /// - Example: `10`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub associated_recipient_count: Option<i64>,
    /// The number of recipients in the 'associating' state. This field is only included when requested via the 'include_recipient_counts' parameter.
    ///
    /// - Example: `1`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub associating_recipient_count: Option<i64>,
    /// When the share was created.
    ///
    /// - Example: `"2023-09-21T18:56:32.624632Z"`
    pub created: ::chrono::DateTime<::chrono::Utc>,
    /// The number of recipients in the 'disassociated' state. This field is only included when requested via the 'include_recipient_counts' parameter.
    ///
    /// - Example: `0`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disassociated_recipient_count: Option<i64>,
    /// The number of recipients in the 'disassociating' state. This field is only included when requested via the 'include_recipient_counts' parameter.
    ///
    /// - Example: `0`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disassociating_recipient_count: Option<i64>,
    /// Share identifier tag.
    ///
    /// - Maximum length: 32
    /// - Example: `"3fd85f74b32742f1bff64a85009dda07"`
    pub id: String,
    /// The `kind` property.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<crate::models::ShareKind>,
    /// When the share was modified.
    ///
    /// - Example: `"2023-09-21T18:56:32.624632Z"`
    pub modified: ::chrono::DateTime<::chrono::Utc>,
    /// The name of the share.
    ///
    /// - Example: `"My Shared WAF Managed Rule"`
    pub name: String,
    /// Organization identifier.
    ///
    /// - Maximum length: 32
    /// - Example: `"023e105f4ecef8ad9ca31a8372d0c353"`
    pub organization_id: String,
    /// A list of resources that are part of the share. This field is only included when requested via the 'include_resources' parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<Vec<crate::models::ShareResourceObject>>,
    /// The `status` property.
    pub status: crate::models::ShareStatus,
    /// The `target_type` property.
    pub target_type: crate::models::ShareTargetType,
}
impl ShareObject {
    /// Creates a `ShareObject` from its required fields.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    pub fn new(
        account_id: String,
        account_name: String,
        created: ::chrono::DateTime<::chrono::Utc>,
        id: String,
        modified: ::chrono::DateTime<::chrono::Utc>,
        name: String,
        organization_id: String,
        status: crate::models::ShareStatus,
        target_type: crate::models::ShareTargetType,
    ) -> Self {
        Self {
            account_id,
            account_name,
            associated_recipient_count: None,
            associating_recipient_count: None,
            created,
            disassociated_recipient_count: None,
            disassociating_recipient_count: None,
            id,
            kind: None,
            modified,
            name,
            organization_id,
            resources: None,
            status,
            target_type,
        }
    }
    /// Sets `associated_recipient_count`.
    pub fn associated_recipient_count(mut self, value: impl Into<i64>) -> Self {
        self.associated_recipient_count = Some(value.into());
        self
    }
    /// Sets `associating_recipient_count`.
    pub fn associating_recipient_count(mut self, value: impl Into<i64>) -> Self {
        self.associating_recipient_count = Some(value.into());
        self
    }
    /// Sets `disassociated_recipient_count`.
    pub fn disassociated_recipient_count(mut self, value: impl Into<i64>) -> Self {
        self.disassociated_recipient_count = Some(value.into());
        self
    }
    /// Sets `disassociating_recipient_count`.
    pub fn disassociating_recipient_count(mut self, value: impl Into<i64>) -> Self {
        self.disassociating_recipient_count = Some(value.into());
        self
    }
    /// Sets `kind`.
    pub fn kind(mut self, value: impl Into<crate::models::ShareKind>) -> Self {
        self.kind = Some(value.into());
        self
    }
    /// Sets `resources`.
    pub fn resources(
        mut self,
        value: impl Into<Vec<crate::models::ShareResourceObject>>,
    ) -> Self {
        self.resources = Some(value.into());
        self
    }
}
/// The `ShareResourceObject` object.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct ShareResourceObject {
    /// When the share was created.
    ///
    /// - Example: `"2023-09-21T18:56:32.624632Z"`
    pub created: ::chrono::DateTime<::chrono::Utc>,
    /// Share Resource identifier.
    ///
    /// - Maximum length: 32
    /// - Example: `"023e105f4ecef8ad9ca31a8372d0c353"`
    pub id: String,
    /// Resource Metadata.
    ///
    /// - Example: `{}`
    pub meta: ::serde_json::Map<String, ::serde_json::Value>,
    /// When the share was modified.
    ///
    /// - Example: `"2023-09-21T18:56:32.624632Z"`
    pub modified: ::chrono::DateTime<::chrono::Utc>,
    /// Account identifier.
    ///
    /// - Maximum length: 32
    /// - Example: `"023e105f4ecef8ad9ca31a8372d0c353"`
    pub resource_account_id: String,
    /// Share Resource identifier.
    ///
    /// - Maximum length: 32
    /// - Example: `"023e105f4ecef8ad9ca31a8372d0c353"`
    pub resource_id: String,
    /// Resource Type.
    pub resource_type: crate::models::ResourceType,
    /// Resource Version.
    ///
    /// - Example: `0`
    pub resource_version: i64,
    /// Resource Status.
    pub status: crate::models::ResourceStatus,
}
impl ShareResourceObject {
    /// Creates a `ShareResourceObject` from its required fields.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    pub fn new(
        created: ::chrono::DateTime<::chrono::Utc>,
        id: String,
        meta: ::serde_json::Map<String, ::serde_json::Value>,
        modified: ::chrono::DateTime<::chrono::Utc>,
        resource_account_id: String,
        resource_id: String,
        resource_type: crate::models::ResourceType,
        resource_version: i64,
        status: crate::models::ResourceStatus,
    ) -> Self {
        Self {
            created,
            id,
            meta,
            modified,
            resource_account_id,
            resource_id,
            resource_type,
            resource_version,
            status,
        }
    }
}
/// Resource Status.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ResourceStatus {
    /// `active`
    Active,
    /// `deleting`
    Deleting,
    /// `deleted`
    Deleted,
    /// A value this version of the client does not know; it is kept as sent.
    Unknown(String),
}
impl ResourceStatus {
    /// Every value the API documents, as sent on the wire.
    pub const VALUES: &'static [&'static str] = &["active", "deleting", "deleted"];
    /// The value as sent on the wire.
    #[inline]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Active => "active",
            Self::Deleting => "deleting",
            Self::Deleted => "deleted",
            Self::Unknown(value) => value.as_str(),
        }
    }
}
impl From<&str> for ResourceStatus {
    #[inline]
    fn from(value: &str) -> Self {
        match value {
            "active" => Self::Active,
            "deleting" => Self::Deleting,
            "deleted" => Self::Deleted,
            other => Self::Unknown(other.to_owned()),
        }
    }
}
crate::runtime::open_enum!(ResourceStatus);
/// The `CreateShareRequest` object.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct CreateShareRequest {
    /// The name of the share.
    ///
    /// - Example: `"My Shared WAF Managed Rule"`
    pub name: String,
    /// The `recipients` property.
    pub recipients: Vec<crate::models::CreateShareRecipientRequest>,
    /// The `resources` property.
    pub resources: Vec<crate::models::CreateShareResourceRequest>,
}
impl CreateShareRequest {
    /// Creates a `CreateShareRequest` from its required fields.
    #[inline]
    pub fn new(
        name: String,
        recipients: Vec<crate::models::CreateShareRecipientRequest>,
        resources: Vec<crate::models::CreateShareResourceRequest>,
    ) -> Self {
        Self {
            name,
            recipients,
            resources,
        }
    }
    /// Checks the schema's constraints before the value is sent; `at` names it in errors.
    #[inline]
    pub(crate) fn validate(
        &self,
        at: &dyn crate::runtime::validate::Place,
    ) -> crate::runtime::Result<()> {
        {
            let value = &self.recipients;
            for (idx, item) in value.iter().enumerate() {
                item.validate(&((at, "recipients"), idx))?;
            }
        }
        {
            let value = &self.resources;
            for (idx, item) in value.iter().enumerate() {
                item.validate(&((at, "resources"), idx))?;
            }
        }
        Ok(())
    }
}
/// A recipient of a new share. Set `recipient_account_id` to share with an account, or `organization_id` to share with an organization. The deprecated `account_id` is accepted as an alias of `recipient_account_id` until 2027-05-26.
#[derive(Clone, Debug, PartialEq, Default, ::serde::Serialize, ::serde::Deserialize)]
#[serde(try_from = "CreateShareRecipientRequestWire")]
#[non_exhaustive]
pub struct CreateShareRecipientRequest {
    /// Organization identifier.
    ///
    /// - Maximum length: 32
    /// - Example: `"023e105f4ecef8ad9ca31a8372d0c353"`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The account that will receive the share.
    ///
    /// - Maximum length: 32
    /// - Example: `"023e105f4ecef8ad9ca31a8372d0c353"`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_account_id: Option<String>,
}
impl CreateShareRecipientRequest {
    /// Sets `organization_id`.
    pub fn organization_id(mut self, value: impl Into<String>) -> Self {
        self.organization_id = Some(value.into());
        self
    }
    /// Sets `recipient_account_id`.
    pub fn recipient_account_id(mut self, value: impl Into<String>) -> Self {
        self.recipient_account_id = Some(value.into());
        self
    }
    /// Sets `recipient_account_id` under its deprecated name `account_id`; the value is sent as `recipient_account_id`.
    #[deprecated(
        note = "`account_id` was renamed to `recipient_account_id`; sunset 2027-05-26"
    )]
    pub fn account_id(mut self, value: impl Into<String>) -> Self {
        self.recipient_account_id = Some(value.into());
        self
    }
    /// Checks the schema's constraints before the value is sent; `at` names it in errors.
    #[inline]
    pub(crate) fn validate(
        &self,
        at: &dyn crate::runtime::validate::Place,
    ) -> crate::runtime::Result<()> {
        if let Some(value) = &self.organization_id {
            crate::runtime::validate::max_length(
                (at, "organization_id"),
                value,
                32usize,
            )?;
        }
        if let Some(value) = &self.recipient_account_id {
            crate::runtime::validate::max_length(
                (at, "recipient_account_id"),
                value,
                32usize,
            )?;
        }
        Ok(())
    }
}
#[derive(::serde::Deserialize)]
struct CreateShareRecipientRequestWire {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    organization_id: Option<String>,
    #[serde(rename = "recipient_account_id", default)]
    recipient_account_id: Option<String>,
    #[serde(rename = "account_id", default)]
    account_id: Option<String>,
}
impl TryFrom<CreateShareRecipientRequestWire> for CreateShareRecipientRequest {
    type Error = String;
    #[inline]
    fn try_from(wire: CreateShareRecipientRequestWire) -> Result<Self, Self::Error> {
        Ok(Self {
            organization_id: wire.organization_id,
            recipient_account_id: wire.recipient_account_id.or(wire.account_id),
        })
    }
}
/// The `CreateShareResourceRequest` object.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct CreateShareResourceRequest {
    /// Resource Metadata.
    ///
    /// - Example: `{}`
    pub meta: ::serde_json::Map<String, ::serde_json::Value>,
    /// Account identifier.
    ///
    /// - Maximum length: 32
    /// - Example: `"023e105f4ecef8ad9ca31a8372d0c353"`
    pub resource_account_id: String,
    /// Share Resource identifier.
    ///
    /// - Maximum length: 32
    /// - Example: `"023e105f4ecef8ad9ca31a8372d0c353"`
    pub resource_id: String,
    /// Resource Type.
    pub resource_type: crate::models::ResourceType,
}
impl CreateShareResourceRequest {
    /// Creates a `CreateShareResourceRequest` from its required fields.
    #[inline]
    pub fn new(
        meta: ::serde_json::Map<String, ::serde_json::Value>,
        resource_account_id: String,
        resource_id: String,
        resource_type: crate::models::ResourceType,
    ) -> Self {
        Self {
            meta,
            resource_account_id,
            resource_id,
            resource_type,
        }
    }
    /// Checks the schema's constraints before the value is sent; `at` names it in errors.
    #[inline]
    pub(crate) fn validate(
        &self,
        at: &dyn crate::runtime::validate::Place,
    ) -> crate::runtime::Result<()> {
        {
            let value = &self.resource_account_id;
            crate::runtime::validate::max_length(
                (at, "resource_account_id"),
                value,
                32usize,
            )?;
        }
        {
            let value = &self.resource_id;
            crate::runtime::validate::max_length((at, "resource_id"), value, 32usize)?;
        }
        {
            let value = &self.resource_type;
            crate::runtime::validate::known_value(
                (at, "resource_type"),
                value.as_str(),
                crate::models::ResourceType::VALUES,
            )?;
        }
        Ok(())
    }
}
/// The `UpdateShareRequest` object.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct UpdateShareRequest {
    /// The name of the share.
    ///
    /// - Example: `"My Shared WAF Managed Rule"`
    pub name: String,
}
impl UpdateShareRequest {
    /// Creates a `UpdateShareRequest` from its required fields.
    #[inline]
    pub fn new(name: String) -> Self {
        Self { name }
    }
    /// Checks the schema's constraints before the value is sent; `at` names it in errors.
    #[inline]
    pub(crate) fn validate(
        &self,
        _at: &dyn crate::runtime::validate::Place,
    ) -> crate::runtime::Result<()> {
        Ok(())
    }
}
/// A recipient of a share.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct ShareRecipientObject {
    /// Account identifier.
    ///
    /// - Maximum length: 32
    /// - Example: `"023e105f4ecef8ad9ca31a8372d0c353"`
    pub account_id: String,
    /// The state of the recipient's association with the share.
    pub association_status: crate::models::RecipientAssociationStatus,
    /// When the share was created.
    ///
    /// - Example: `"2023-09-21T18:56:32.624632Z"`
    pub created: ::chrono::DateTime<::chrono::Utc>,
    /// Share Recipient identifier tag.
    ///
    /// - Maximum length: 32
    /// - Example: `"3fd85f74b32742f1bff64a85009dda07"`
    pub id: String,
    /// When the share was modified.
    ///
    /// - Example: `"2023-09-21T18:56:32.624632Z"`
    pub modified: ::chrono::DateTime<::chrono::Utc>,
    /// The state of each shared resource in the recipient account. This field is only included when requested via the 'include_resources' parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<Vec<crate::models::ShareRecipientResourceObject>>,
}
impl ShareRecipientObject {
    /// Creates a `ShareRecipientObject` from its required fields.
    #[inline]
    pub fn new(
        account_id: String,
        association_status: crate::models::RecipientAssociationStatus,
        created: ::chrono::DateTime<::chrono::Utc>,
        id: String,
        modified: ::chrono::DateTime<::chrono::Utc>,
    ) -> Self {
        Self {
            account_id,
            association_status,
            created,
            id,
            modified,
            resources: None,
        }
    }
    /// Sets `resources`.
    pub fn resources(
        mut self,
        value: impl Into<Vec<crate::models::ShareRecipientResourceObject>>,
    ) -> Self {
        self.resources = Some(value.into());
        self
    }
}
/// The state of the recipient's association with the share.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum RecipientAssociationStatus {
    /// `associating`
    Associating,
    /// `associated`
    Associated,
    /// `disassociating`
    Disassociating,
    /// `disassociated`
    Disassociated,
    /// A value this version of the client does not know; it is kept as sent.
    Unknown(String),
}
impl RecipientAssociationStatus {
    /// Every value the API documents, as sent on the wire.
    pub const VALUES: &'static [&'static str] = &[
        "associating",
        "associated",
        "disassociating",
        "disassociated",
    ];
    /// The value as sent on the wire.
    #[inline]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Associating => "associating",
            Self::Associated => "associated",
            Self::Disassociating => "disassociating",
            Self::Disassociated => "disassociated",
            Self::Unknown(value) => value.as_str(),
        }
    }
}
impl From<&str> for RecipientAssociationStatus {
    #[inline]
    fn from(value: &str) -> Self {
        match value {
            "associating" => Self::Associating,
            "associated" => Self::Associated,
            "disassociating" => Self::Disassociating,
            "disassociated" => Self::Disassociated,
            other => Self::Unknown(other.to_owned()),
        }
    }
}
crate::runtime::open_enum!(RecipientAssociationStatus);
/// The `ShareRecipientResourceObject` object.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct ShareRecipientResourceObject {
    /// Share Recipient error message.
    pub error: String,
    /// Share Resource identifier.
    ///
    /// - Maximum length: 32
    /// - Example: `"023e105f4ecef8ad9ca31a8372d0c353"`
    pub resource_id: String,
    /// Resource Version.
    ///
    /// - Example: `0`
    pub resource_version: i64,
    /// Whether the error is terminal or will be continually retried.
    pub terminal: bool,
}
impl ShareRecipientResourceObject {
    /// Creates a `ShareRecipientResourceObject` from its required fields.
    #[inline]
    pub fn new(
        error: String,
        resource_id: String,
        resource_version: i64,
        terminal: bool,
    ) -> Self {
        Self {
            error,
            resource_id,
            resource_version,
            terminal,
        }
    }
}
/// The `UpdateShareResourceRequest` object.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[non_exhaustive]
pub struct UpdateShareResourceRequest {
    /// Resource Metadata.
    ///
    /// - Example: `{}`
    pub meta: ::serde_json::Map<String, ::serde_json::Value>,
}
impl UpdateShareResourceRequest {
    /// Creates a `UpdateShareResourceRequest` from its required fields.
    #[inline]
    pub fn new(meta: ::serde_json::Map<String, ::serde_json::Value>) -> Self {
        Self { meta }
    }
    /// Checks the schema's constraints before the value is sent; `at` names it in errors.
    #[inline]
    pub(crate) fn validate(
        &self,
        _at: &dyn crate::runtime::validate::Place,
    ) -> crate::runtime::Result<()> {
        Ok(())
    }
}
