-- 0021: what a member's DM carried besides its words (stickers, files), by name, so the creator's
-- prompt says "a sticker: Thank You" instead of showing an empty message. JSON written by
-- bot.core.also_sent; NULL when there was nothing. Blanked with the text after retention.
ALTER TABLE member_messages ADD COLUMN also_sent TEXT;
