-- Platform item categories (reference data every deployment needs).
INSERT INTO "Category" ("id", "nameZh", "nameEn", "position") VALUES
  ('apparel',     '服饰内衣', 'Apparel',            10),
  ('shoes-bags',  '鞋靴箱包', 'Shoes & bags',       20),
  ('beauty',      '美妆个护', 'Beauty & care',      30),
  ('food',        '食品饮料', 'Food & drinks',      40),
  ('fresh',       '生鲜果蔬', 'Fresh produce',      50),
  ('tea',         '茶酒冲饮', 'Tea & spirits',      60),
  ('electronics', '数码家电', 'Electronics',        70),
  ('home',        '家居日用', 'Home & living',      80),
  ('baby',        '母婴玩具', 'Baby & toys',        90),
  ('books',       '图书文创', 'Books & stationery', 100),
  ('sports',      '运动户外', 'Sports & outdoors',  110),
  ('crafts',      '手作非遗', 'Crafts & heritage',  120),
  ('other',       '其他',     'Other',              999)
ON CONFLICT ("id") DO NOTHING;
